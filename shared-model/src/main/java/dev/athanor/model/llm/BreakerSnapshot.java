package dev.athanor.model.llm;

import java.time.Instant;

/**
 * A breaker's shared state as stored.
 *
 * @param failures      consecutive failures since the last success
 * @param changedAt     when the state last changed (the start of the cooldown when open, of the probe when half-open)
 * @param lastFailureAt when a failure was last counted (a success does not clear it), or null for none
 */
public record BreakerSnapshot(CircuitState state, int failures, Instant changedAt, Instant lastFailureAt) {

    public static final BreakerSnapshot CLOSED = new BreakerSnapshot(CircuitState.CLOSED, 0, Instant.EPOCH);

    /** A state without a recorded failure time. */
    public BreakerSnapshot(CircuitState state, int failures, Instant changedAt) {
        this(state, failures, changedAt, null);
    }
}
