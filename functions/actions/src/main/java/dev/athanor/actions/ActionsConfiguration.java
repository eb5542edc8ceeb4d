package dev.athanor.actions;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Settings of the actions surface ({@code athanor.actions.*}): how long a model may take to answer, and the per-user
 * limits its API document states (tests per minute, action executions per day).
 */
@ConfigurationProperties("athanor.actions")
public interface ActionsConfiguration {

    /** How long a model may take to answer before the call is a timeout (the document's 60 s by default). */
    @NotNull
    @Bindable(defaultValue = "60s")
    Duration getTimeout();

    /** Calls of {@code POST /test} each user may make per minute. */
    @Min(1)
    @Bindable(defaultValue = "100")
    long getTestsPerMinute();

    /** Action runs and content-helper calls each user may make per UTC day. */
    @Min(1)
    @Bindable(defaultValue = "1000")
    long getExecutionsPerDay();

    /**
     * The largest {@code max_tokens} accepted for a model whose output limit is not known (a known model's own limit
     * applies to it).
     */
    @Min(1)
    @Max(10_000_000)
    @Bindable(defaultValue = "128000")
    int getMaxTokensLimit();
}
