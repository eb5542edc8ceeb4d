package dev.athanor.core.pipeline;

import dev.athanor.model.StableIds;
import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityEntry;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.model.pipeline.Checkpoint;
import dev.athanor.model.pipeline.CheckpointStore;
import dev.athanor.model.pipeline.Command;
import dev.athanor.model.pipeline.Execution;
import dev.athanor.model.pipeline.StateDefinition;
import dev.athanor.model.pipeline.StepRecord;
import dev.athanor.model.prompt.TemplateRenderer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What an execution tells the world as it goes: progress entries in the activity log (step started and finished,
 * with the step's cost and the execution's cost so far) for live views, and a pending checkpoint for every awaited
 * approval. Entry and checkpoint ids derive from step tokens, so a redelivered message writes nothing new.
 */
@Singleton
@Requires(beans = {CheckpointStore.class, ActivityLog.class})
public class PipelineEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineEvents.class);

    private final CheckpointStore checkpoints;
    private final ActivityLog activity;
    private final List<ExecutionListener> listeners;
    private final Clock clock;

    public PipelineEvents(CheckpointStore checkpoints, ActivityLog activity, List<ExecutionListener> listeners,
                          Clock clock) {
        this.checkpoints = checkpoints;
        this.activity = activity;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** The checkpoint id of the approval step {@code token}. */
    public static String checkpointId(String token) {
        return StableIds.of("cp-", token);
    }

    public static String subject(Execution execution) {
        return execution.vars().getOrDefault("subject", execution.id());
    }

    void stepStarted(TeamId team, Execution execution, String token, String agent) {
        String state = execution.current();
        record(team, new ActivityEntry(token + ":started", clock.instant(), "step_started", agent,
                subject(execution), "running", state + " started (attempt " + execution.attempt() + ")",
                execution.costUsd(), null));
    }

    void stepFinished(TeamId team, Execution execution, String token, String state, String agent, long durationMs) {
        StepRecord step = execution.step(state);
        String outcome = switch (step.status()) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            default -> "retrying";
        };
        String detail = state + " " + outcome + (step.error() == null ? "" : ": " + step.error())
                + "; job cost so far $" + execution.costUsd().toPlainString();
        record(team, new ActivityEntry(token + ":finished", clock.instant(), "step_" + outcome,
                agent, subject(execution), outcome, detail, step.costUsd(), durationMs));
    }

    void awaitingApproval(TeamId team, Execution execution, Command command, StateDefinition state) {
        String action = state.prompt() == null ? "Approve " + command.state()
                : TemplateRenderer.render(state.prompt(), execution.vars()).text();
        Checkpoint checkpoint = checkpoints.open(team, new Checkpoint(checkpointId(command.token()), execution.id(),
                execution.pipeline(), subject(execution), command.state(), command.token(), action,
                Checkpoint.PENDING, clock.instant(), null, null, null, null));
        // the entry carries the checkpoint's own time, so opening it again (a sweep, a redelivery) rewrites it unchanged
        record(team, new ActivityEntry(command.token() + ":checkpoint", checkpoint.createdAt(), "checkpoint_opened", null,
                subject(execution), "pending", checkpoint.id() + ": " + action, execution.costUsd(), null));
    }

    void finished(TeamId team, Execution execution, Command command) {
        String status = execution.status().name().toLowerCase(Locale.ROOT);
        Instant at = execution.finishedAt() == null ? clock.instant() : execution.finishedAt();
        record(team, new ActivityEntry(command.token() + ":end", at, "execution_" + status, null,
                subject(execution), status, execution.error() == null ? execution.pipeline() + " " + status
                : execution.error(), execution.costUsd(), null));
        listeners.forEach(listener -> listener.ended(team, execution));
    }

    /** Progress is for people watching; a lost entry must not fail a step that has been committed. */
    private void record(TeamId team, ActivityEntry entry) {
        try {
            activity.append(team, entry);
        } catch (RuntimeException e) {
            LOG.warn("Activity entry {} not recorded", entry.id(), e);
        }
    }

}
