package dev.athanor.orchestrator.execution;

import dev.athanor.core.pipeline.ExecutionListener;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.pipeline.Execution;
import dev.athanor.model.pipeline.ExecutionStatus;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Brings a task in line when its run ends other than through a judgement: failed for good (an agent or judge that
 * never answered, a step that failed on every delivery) or cancelled. A task already ended (a judgement's verdict,
 * a cancel through the API) keeps its end, as does a task that a retry has moved on to a newer run.
 */
@Singleton
class TaskEnds implements ExecutionListener {

    /** The cause of the events reporting a run's end other than by a judgement. */
    static final String END = "end";

    private final TaskWrites tasks;
    private final TaskEvents events;
    private final Clock clock;

    TaskEnds(TaskWrites tasks, TaskEvents events, Clock clock) {
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void ended(TeamId team, Execution execution) {
        if (!TaskPipeline.ID.equals(execution.pipeline())) {
            return;
        }
        String taskId = execution.vars().get(TaskPipeline.TASK_ID);
        int run = Integer.parseInt(execution.vars().get(TaskPipeline.RUN));
        String error = execution.status() == ExecutionStatus.CANCELLED ? "Cancelled"
                : execution.status() == ExecutionStatus.FAILED ? "The run failed: " + execution.error()
                : "The run ended without a verdict";
        tasks.change(team, taskId, task -> task.status().finished() || task.runs() != run ? task
                : TaskWrites.finish(task, TaskStatus.FAILED, error, clock.instant()).build())
                // a judgement's end was reported by its step; an end here (or a cancel's) is reported again under the
                // same event id on every call, so a redelivery that finds the task ended still reports it
                .filter(task -> task.runs() == run && execution.status() != ExecutionStatus.SUCCEEDED)
                .ifPresent(task -> events.changed(team, task, END, true));
    }
}
