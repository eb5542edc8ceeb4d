package dev.athanor.core.llm;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** How hard the router tries: retries per provider, backoff, and when a provider's circuit opens. */
@ConfigurationProperties("athanor.llm.router")
public class RouterConfiguration {

    /** Attempts per provider, the first included, for retryable failures. */
    @Min(1)
    private int maxAttempts = 3;
    /** Backoff before the second attempt; doubles each attempt up to maxBackoff, with jitter. */
    @NotNull
    private Duration initialBackoff = Duration.ofMillis(200);
    @NotNull
    private Duration maxBackoff = Duration.ofSeconds(4);
    /** A Retry-After longer than this is not waited for: the router falls back to the next provider instead. */
    @NotNull
    private Duration maxRetryAfter = Duration.ofSeconds(20);
    /** Consecutive failures that open a provider's circuit. */
    @Min(1)
    private int failureThreshold = 5;
    /** How long an open circuit rejects calls before one probe may try again. */
    @NotNull
    private Duration cooldown = Duration.ofSeconds(30);
    /** How long an instance trusts its last read of a breaker before reading the shared state again. */
    @NotNull
    private Duration stateCacheTtl = Duration.ofSeconds(1);
    /**
     * How old a closed circuit's read may be and still let a call through at once while one background read refreshes
     * it: an instance that sat idle between invocations answers its first call without waiting for the table. At
     * worst it sends one call to a provider another instance found failing meanwhile; that call fails over and is
     * counted like any other failure.
     */
    @NotNull
    private Duration stateMaxStale = Duration.ofSeconds(60);

    public Duration getStateMaxStale() {
        return stateMaxStale;
    }

    public void setStateMaxStale(Duration stateMaxStale) {
        this.stateMaxStale = stateMaxStale;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public int getFailureThreshold() {
        return failureThreshold;
    }

    public void setFailureThreshold(int failureThreshold) {
        this.failureThreshold = failureThreshold;
    }

    public Duration getCooldown() {
        return cooldown;
    }

    public void setCooldown(Duration cooldown) {
        this.cooldown = cooldown;
    }

    public Duration getStateCacheTtl() {
        return stateCacheTtl;
    }

    public void setStateCacheTtl(Duration stateCacheTtl) {
        this.stateCacheTtl = stateCacheTtl;
    }
}
