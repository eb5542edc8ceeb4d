package dev.athanor.model.llm;

import java.time.Instant;

/**
 * A breaker's shared state as stored.
 *
 * @param failures  consecutive failures since the last success
 * @param changedAt when the state last changed (the start of the cooldown when open, of the probe when half-open)
 */
public record BreakerSnapshot(CircuitState state, int failures, Instant changedAt) {

    public static final BreakerSnapshot CLOSED = new BreakerSnapshot(CircuitState.CLOSED, 0, Instant.EPOCH);
}
