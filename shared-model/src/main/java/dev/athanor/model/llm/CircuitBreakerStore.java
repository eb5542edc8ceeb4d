package dev.athanor.model.llm;

import dev.athanor.model.TeamId;

import java.time.Instant;

/**
 * Where circuit breakers keep their state, shared by every instance of every function so they all agree on which
 * providers are failing. Each method is one atomic step, safe under concurrent callers.
 */
public interface CircuitBreakerStore {

    /** The current state; {@link BreakerSnapshot#CLOSED} for a breaker never written. */
    BreakerSnapshot read(TeamId team, String breaker);

    /**
     * Counts one more consecutive failure. Opens the circuit (changedAt = now) when the count reaches the threshold
     * while closed, or when the failure is a half-open probe's. Returns the state after the write.
     */
    BreakerSnapshot recordFailure(TeamId team, String breaker, int threshold, Instant now);

    /** Closes the circuit and clears the failure count. */
    void recordSuccess(TeamId team, String breaker);

    /**
     * Moves the circuit to half-open (changedAt = now) only if it is still in the state the caller saw, so exactly
     * one caller wins the probe. Returns whether this caller won.
     */
    boolean tryProbe(TeamId team, String breaker, BreakerSnapshot seen, Instant now);
}
