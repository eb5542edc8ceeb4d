package dev.athanor.core.llm;

import dev.athanor.model.TeamId;
import dev.athanor.model.llm.CircuitState;

import java.time.Instant;

/**
 * Told when this instance sees a circuit breaker open (a failure reached the threshold, or a half-open probe failed)
 * or close again (a probe succeeded). Called on the calling thread after the change is stored; what it throws is
 * logged and ignored, as the call it reports on must go on.
 */
public interface BreakerListener {

    /**
     * @param breaker the breaker's name: a provider id, or {@code agent:<agent>} for an orchestrator agent
     * @param at      when the breaker changed, the same for every instance that reports the same change
     */
    void changed(TeamId team, String breaker, CircuitState from, CircuitState to, Instant at);
}
