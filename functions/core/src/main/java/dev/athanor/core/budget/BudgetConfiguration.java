package dev.athanor.core.budget;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** {@code athanor.budget.*}: how a call's cost is estimated before it runs, and how long its hold lasts. */
@ConfigurationProperties("athanor.budget")
public class BudgetConfiguration {

    /**
     * How long a call's hold counts if it is never settled (the instance crashed mid-call). Longer than any call
     * with its retries and fallbacks, or a slow call's cost stops being held before it is known.
     */
    @NotNull
    private Duration holdTtl = Duration.ofMinutes(15);
    /** Completion tokens assumed for a request that sets no max_tokens. */
    @Min(1)
    private int defaultCompletionTokens = 4096;
    /**
     * Prompt characters counted as one token. English prose averages about four and code about three; two keeps
     * the estimate above the real count for those and for most other scripts.
     */
    @Min(1)
    private int promptCharsPerToken = 2;

    public Duration getHoldTtl() {
        return holdTtl;
    }

    public void setHoldTtl(Duration holdTtl) {
        this.holdTtl = holdTtl;
    }

    public int getDefaultCompletionTokens() {
        return defaultCompletionTokens;
    }

    public void setDefaultCompletionTokens(int defaultCompletionTokens) {
        this.defaultCompletionTokens = defaultCompletionTokens;
    }

    public int getPromptCharsPerToken() {
        return promptCharsPerToken;
    }

    public void setPromptCharsPerToken(int promptCharsPerToken) {
        this.promptCharsPerToken = promptCharsPerToken;
    }
}
