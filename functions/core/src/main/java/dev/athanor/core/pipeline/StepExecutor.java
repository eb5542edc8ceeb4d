package dev.athanor.core.pipeline;

/**
 * Runs the task steps of one pipeline: what an agent state means is code, the order of states is data. A step may
 * run more than once (a redelivered message, a crash before the commit), so it must be idempotent: artifacts are
 * written under keys derived from the step, and only the committed result counts.
 */
public interface StepExecutor {

    /** The pipeline whose steps this runs. */
    String pipeline();

    /**
     * @throws java.util.concurrent.TimeoutException when the step overran {@link StepRequest#timeoutSeconds()}
     * @throws Exception                             anything else: the message is retried by SQS, and the
     *                                               execution fails when every delivery failed
     */
    StepResult run(StepRequest request) throws Exception;
}
