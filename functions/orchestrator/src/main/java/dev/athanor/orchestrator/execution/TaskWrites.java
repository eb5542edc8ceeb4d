package dev.athanor.orchestrator.execution;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes to a task made as it runs: each reads the task, applies the change to what it read and writes it on that
 * version, again from a fresh read when another writer (a cancel, the other step) got there first.
 */
@Singleton
class TaskWrites {

    private static final int ATTEMPTS = 5;

    private final TaskStore store;

    TaskWrites(TaskStore store) {
        this.store = store;
    }

    Optional<Versioned<OrchestratorTask>> find(TeamId team, String id) {
        return store.find(team, id);
    }

    /**
     * @return the task as written, or empty when it no longer exists (its project was deleted)
     */
    Optional<OrchestratorTask> change(TeamId team, String id, UnaryOperator<OrchestratorTask> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<Versioned<OrchestratorTask>> read = store.find(team, id);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            OrchestratorTask changed = change.apply(read.get().value());
            if (changed.equals(read.get().value())) {
                return Optional.of(changed);
            }
            try {
                return Optional.of(store.update(team, changed, read.get().version()).value());
            } catch (NotFoundException gone) {
                return Optional.empty();
            } catch (ConflictException raced) {
                if (attempt >= ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /** The task ended: its status, the end's figures, and why when it failed. */
    static OrchestratorTask.Builder finish(OrchestratorTask task, TaskStatus status, String error, Instant at) {
        OrchestratorTask.Builder b = task.change();
        b.status = status;
        b.error = status == TaskStatus.FAILED ? error : null;
        b.completedAt = at;
        b.updatedAt = at;
        boolean judged = !task.iterationsOf(task.runs()).isEmpty();
        b.finalQuality = judged ? task.currentQuality() : null;
        Instant started = task.startedAt() == null ? at : task.startedAt();
        b.durationSeconds = Duration.between(started, at).toMillis() / 1000.0;
        b.actualCost = round(task.iterations().stream().mapToDouble(TaskIteration::cost).sum());
        return b;
    }

    static double round(double usd) {
        return Math.round(usd * 1_000_000) / 1_000_000.0;
    }
}
