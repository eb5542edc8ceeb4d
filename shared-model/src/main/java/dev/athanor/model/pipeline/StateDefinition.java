package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One state of a pipeline.
 * <ul>
 *   <li>{@code task}: runs the step executor of {@code action} (the work it does, looked up by that name) as
 *       {@code agent} with the {@code prompt} template; {@code retry}, {@code timeoutSeconds};
 *       then {@code next} (none: the pipeline ends), or {@code onError} when it fails for good.</li>
 *   <li>{@code map}: the same as a task, once for each item {@code <items>.0 .. <items>.<n-1>} where n is the
 *       variable {@code <items>.count}; each run sees its item as the variable {@code item}. Up to
 *       {@code maxConcurrency} items (default 1: one after the other) run at once, each a step of its own with its
 *       own token, retries and lease; the state moves on when every item has passed, and fails when one fails for
 *       good.</li>
 *   <li>{@code approval}: parks the execution until a person approves ({@code next}) or rejects ({@code onReject};
 *       none: the execution fails). {@code prompt} says what is to be approved.</li>
 *   <li>{@code choice}: goes to the {@code next} of the first rule that holds, else to {@code otherwise}.</li>
 * </ul>
 */
@Serdeable
public record StateDefinition(String type,
                              @Nullable String action,
                              @Nullable String agent,
                              @Nullable String prompt,
                              @Nullable RetryPolicy retry,
                              @Nullable Integer timeoutSeconds,
                              @Nullable String next,
                              @Nullable String onError,
                              @Nullable String onReject,
                              @Nullable List<ChoiceRule> choices,
                              @Nullable String otherwise,
                              @Nullable String items,
                              @Nullable Integer maxConcurrency) {

    public static final String TASK = "task";
    public static final String MAP = "map";
    public static final String APPROVAL = "approval";
    public static final String CHOICE = "choice";

    public static final int DEFAULT_TIMEOUT_SECONDS = 120;

    public StateDefinition {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static StateDefinition task(String action, String agent, String prompt, String next) {
        return new StateDefinition(TASK, action, agent, prompt, null, null, next, null, null, null, null, null, null);
    }

    public static StateDefinition approval(String prompt, String next, String onReject) {
        return new StateDefinition(APPROVAL, null, null, prompt, null, null, next, null, onReject, null, null, null,
                null);
    }

    public static StateDefinition choice(List<ChoiceRule> rules, String otherwise) {
        return new StateDefinition(CHOICE, null, null, null, null, null, null, null, null, rules, otherwise, null,
                null);
    }

    public boolean runsAgent() {
        return TASK.equals(type) || MAP.equals(type);
    }

    public RetryPolicy retryPolicy() {
        return retry == null ? RetryPolicy.DEFAULT : retry;
    }

    /** How many items of a map state may run at once: 1 unless set. */
    public int concurrency() {
        return maxConcurrency == null ? 1 : maxConcurrency;
    }

    public int timeout() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }
}
