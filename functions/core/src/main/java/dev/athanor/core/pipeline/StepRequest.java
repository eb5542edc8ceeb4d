package dev.athanor.core.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.Execution;
import dev.athanor.model.pipeline.StateDefinition;

/** One step to run: the execution as committed before it, the state, its try, and its deadline. */
public record StepRequest(TeamId team, Execution execution, String state, StateDefinition definition, int attempt,
                          String token, int timeoutSeconds) {
}
