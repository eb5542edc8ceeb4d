package dev.athanor.model.error;

import java.time.Duration;
import java.time.Instant;

/**
 * A call was refused because a limit (a budget, a rate) is used up until {@code resetsAt}; nothing was spent on it.
 * Answered with 429 and a {@code Retry-After} of the seconds until then.
 */
public abstract class LimitExceededException extends DomainException {

    private final Instant refusedAt;
    private final Instant resetsAt;

    protected LimitExceededException(String message, Instant refusedAt, Instant resetsAt) {
        super(message);
        this.refusedAt = refusedAt;
        this.resetsAt = resetsAt;
    }

    public Instant resetsAt() {
        return resetsAt;
    }

    /** Whole seconds from the refusal until the limit frees up, rounded up and at least one. */
    public long retryAfterSeconds() {
        long millis = Duration.between(refusedAt, resetsAt).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** True for a spending limit (quota), false for a rate limit: clients retry the latter soon, the former not. */
    public abstract boolean quota();
}
