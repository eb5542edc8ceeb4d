package dev.athanor.orchestrator.execution;

import dev.athanor.core.pipeline.Pipeline;
import jakarta.inject.Singleton;

/**
 * The orchestrator's "iterate until quality" pipeline ({@code pipelines/orchestrator-task.json}): {@value #GENERATE}
 * (the routed agent works on the task), {@value #JUDGE} (a judge model scores the result and decides), and a choice
 * that loops back while the verdict is {@code continue}, else ends with {@value #FINISH}. One execution per run of a
 * task: a retry is a new run.
 */
@Singleton
public class TaskPipeline implements Pipeline {

    public static final String ID = "orchestrator-task";
    public static final String GENERATE = "orchestrator.generate";
    public static final String JUDGE = "orchestrator.judge";
    /** Ends the run; the judgement before it has recorded the task's end (a choice state cannot end a pipeline). */
    public static final String FINISH = "orchestrator.finish";

    /** Variables of an execution. */
    static final String TASK_ID = "task_id";
    static final String RUN = "run";
    static final String AGENT = "agent";
    static final String ITERATION = "iteration";
    static final String VERDICT = "verdict";
    static final String CONTINUE = "continue";

    @Override
    public String id() {
        return ID;
    }

    public static String executionId(String taskId, int run) {
        return ID + "/" + taskId + "/" + run;
    }

    /** Where what an iteration's agent produced is kept, under the team's artifacts. */
    public static String contentKey(String taskId, int run, int iteration) {
        return taskPrefix(taskId) + "run-" + run + "/iteration-" + iteration + ".md";
    }

    public static String taskPrefix(String taskId) {
        return "orchestrator/tasks/" + taskId + "/";
    }
}
