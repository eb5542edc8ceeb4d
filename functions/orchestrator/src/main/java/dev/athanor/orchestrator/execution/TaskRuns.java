package dev.athanor.orchestrator.execution;

import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.model.TeamId;
import dev.athanor.model.artifacts.ArtifactStore;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.orchestrator.tasks.Tasks;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts, retries and cancels the runs of tasks on the pipeline engine. A run is one execution of
 * {@link TaskPipeline}; a retry of a failed task is a new run (the iterations of the earlier ones are kept), and a
 * cancel asks the run to stop before its next step and ends the task at once.
 */
@Singleton
public class TaskRuns {

    private final PipelineEngine engine;
    private final ArtifactStore artifacts;
    private final TaskStore store;
    private final TaskWrites writes;
    private final TaskEvents events;
    private final Clock clock;

    TaskRuns(PipelineEngine engine, TaskStore store, TaskWrites writes, ArtifactStore artifacts, TaskEvents events,
             Clock clock) {
        this.events = events;
        this.engine = engine;
        this.artifacts = artifacts;
        this.store = store;
        this.writes = writes;
        this.clock = clock;
    }

    /** Stores the new task (its first run) and starts that run with {@code agent} first. */
    public OrchestratorTask start(TeamId team, OrchestratorTask task, String agent) {
        OrchestratorTask stored = store.create(team, task).value();
        // told before the run starts, so no event of the run comes first
        events.changed(team, stored, "created", false);
        try {
            begin(team, stored, agent);
        } catch (RuntimeException e) {
            // no task is left pending with no run behind it
            writes.change(team, stored.id(), t -> TaskWrites.finish(t, TaskStatus.FAILED,
                    "The run could not start: " + e.getMessage(), clock.instant()).build())
                    .ifPresent(failed -> events.changed(team, failed, TaskEnds.END, false));
            throw e;
        }
        return stored;
    }

    /**
     * @throws NotFoundException when the team has no such task
     * @throws ConflictException when the task has not failed
     */
    public OrchestratorTask retry(TeamId team, String id) {
        Instant now = clock.instant();
        OrchestratorTask[] previous = new OrchestratorTask[1];
        OrchestratorTask retried = writes.change(team, id, task -> {
            if (task.status() != TaskStatus.FAILED) {
                throw new ConflictException("Only a failed task can be retried; this one is "
                        + task.status().wireName());
            }
            previous[0] = task;
            OrchestratorTask.Builder b = task.change();
            b.runs = task.runs() + 1;
            b.status = TaskStatus.PENDING;
            b.currentIteration = 0;
            b.currentQuality = 0;
            b.finalQuality = null;
            b.testsPassing = false;
            b.securityIssues = 0;
            b.startedAt = null;
            b.completedAt = null;
            b.durationSeconds = null;
            b.actualCost = null;
            b.error = null;
            b.updatedAt = now;
            return b.build();
        }).orElseThrow(Tasks::notFound);
        events.changed(team, retried, "retried", false);
        begin(team, retried, null);
        return retried;
    }

    /**
     * @throws NotFoundException when the team has no such task
     * @throws ConflictException when it has already ended
     */
    public OrchestratorTask cancel(TeamId team, String id, String by) {
        OrchestratorTask task = store.find(team, id).orElseThrow(Tasks::notFound).value();
        if (task.status().finished()) {
            throw new ConflictException("The task has already ended (" + task.status().wireName() + ")");
        }
        try {
            engine.cancel(team, TaskPipeline.executionId(id, task.runs()));
        } catch (ConflictException | NotFoundException ended) {
            // the run has ended, or never started: the task is ended below all the same
        }
        Instant now = clock.instant();
        OrchestratorTask cancelled = writes.change(team, id, t -> {
            if (t.status().finished()) {
                throw new ConflictException("The task has already ended (" + t.status().wireName() + ")");
            }
            return TaskWrites.finish(t, TaskStatus.FAILED, "Cancelled by " + by, now).build();
        }).orElseThrow(Tasks::notFound);
        events.changed(team, cancelled, TaskEnds.END, false);
        return cancelled;
    }

    /** Removes the project's tasks with their runs and what their agents produced. */
    public void deleteProject(TeamId team, String projectId) {
        for (OrchestratorTask task : store.createdSince(team, projectId, Instant.EPOCH)) {
            for (int run = 1; run <= task.runs(); run++) {
                engine.delete(team, TaskPipeline.executionId(task.id(), run));
            }
            artifacts.deleteAll(team, TaskPipeline.taskPrefix(task.id()));
        }
        store.deleteProject(team, projectId);
    }

    private StoredExecution begin(TeamId team, OrchestratorTask task, String agent) {
        Map<String, String> vars = new HashMap<>();
        vars.put(TaskPipeline.TASK_ID, task.id());
        vars.put(TaskPipeline.RUN, Integer.toString(task.runs()));
        vars.put("subject", task.title());
        if (agent != null) {
            vars.put(TaskPipeline.AGENT, agent);
        }
        return engine.start(team, TaskPipeline.ID, TaskPipeline.executionId(task.id(), task.runs()), vars);
    }
}
