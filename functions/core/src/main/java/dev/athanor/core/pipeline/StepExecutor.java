package dev.athanor.core.pipeline;

import java.util.Set;

/**
 * Runs the task steps whose state names one of its actions ({@code action} in the pipeline definition): what an
 * action does is code, which states run it and in what order is data. A step may run more than once (a redelivered
 * message, a crash before the commit), so it must be idempotent: artifacts are written under keys derived from the
 * step, and only the committed result counts.
 */
public interface StepExecutor {

    /** The actions this runs; no two executors of one context name the same action. */
    Set<String> actions();

    /**
     * @throws java.util.concurrent.TimeoutException when the step overran {@link StepRequest#timeoutSeconds()}
     * @throws Exception                             anything else: the message is retried by SQS, and the
     *                                               execution fails when every delivery failed
     */
    StepResult run(StepRequest request) throws Exception;
}
