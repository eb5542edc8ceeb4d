package dev.athanor.core.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.Execution;

/**
 * Told when an execution ends, however it ends (its last state, a failure with no error route, a cancel, a step that
 * failed on every delivery), so the module that owns the pipeline can bring its own records in line. Called again
 * when the end's commands are sent again (a redelivery, the sweep): it must be idempotent. What it throws fails the
 * delivery that ended the execution, which is then received again.
 */
public interface ExecutionListener {

    void ended(TeamId team, Execution execution);
}
