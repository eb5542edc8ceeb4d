package dev.athanor.model.pipeline;

import io.micronaut.serde.annotation.Serdeable;

/**
 * How often a task is tried and how long to wait between tries: the n-th retry waits
 * {@code min(maxBackoffSeconds, backoffSeconds * multiplier^(n-1))}. Only retryable failures (rate limits, outages,
 * timeouts) are retried; the others go to the state's error route at once.
 */
@Serdeable
public record RetryPolicy(int maxAttempts, int backoffSeconds, double multiplier, int maxBackoffSeconds) {

    /** SQS delays a message by at most 15 minutes. */
    public static final int MAX_DELAY_SECONDS = 900;

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, 5, 2.0, 60);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("retry.maxAttempts must be 1-20");
        }
        if (backoffSeconds < 0 || maxBackoffSeconds < 0 || maxBackoffSeconds > MAX_DELAY_SECONDS) {
            throw new IllegalArgumentException("retry backoff must be 0-" + MAX_DELAY_SECONDS + " seconds");
        }
        if (multiplier < 1.0 || multiplier > 10.0) {
            throw new IllegalArgumentException("retry.multiplier must be 1-10");
        }
    }

    /** The wait before attempt {@code attempt} (2 for the first retry). */
    public int delayBefore(int attempt) {
        double delay = backoffSeconds * Math.pow(multiplier, Math.max(0, attempt - 2));
        return (int) Math.min(maxBackoffSeconds, Math.round(delay));
    }
}
