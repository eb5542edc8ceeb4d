package dev.athanor.core.llm;

import dev.athanor.model.TeamId;
import dev.athanor.model.llm.BreakerSnapshot;
import dev.athanor.model.llm.CircuitBreakerStore;
import dev.athanor.model.llm.CircuitState;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Test double with the store's documented semantics; the DynamoDB store has its own IT. */
final class InMemoryBreakerStore implements CircuitBreakerStore {

    private final Map<String, BreakerSnapshot> states = new HashMap<>();
    int reads;

    @Override
    public synchronized BreakerSnapshot read(TeamId team, String breaker) {
        reads++;
        return states.getOrDefault(team + "/" + breaker, BreakerSnapshot.CLOSED);
    }

    @Override
    public synchronized BreakerSnapshot recordFailure(TeamId team, String breaker, int threshold, Instant now) {
        BreakerSnapshot seen = states.getOrDefault(team + "/" + breaker, BreakerSnapshot.CLOSED);
        BreakerSnapshot after = new BreakerSnapshot(seen.state(), seen.failures() + 1, seen.changedAt());
        if (seen.state() == CircuitState.HALF_OPEN
                || (seen.state() == CircuitState.CLOSED && after.failures() >= threshold)) {
            after = new BreakerSnapshot(CircuitState.OPEN, after.failures(), now);
        }
        states.put(team + "/" + breaker, after);
        return after;
    }

    @Override
    public synchronized void recordSuccess(TeamId team, String breaker) {
        states.put(team + "/" + breaker, BreakerSnapshot.CLOSED);
    }

    @Override
    public synchronized boolean tryProbe(TeamId team, String breaker, BreakerSnapshot seen, Instant now) {
        BreakerSnapshot current = states.getOrDefault(team + "/" + breaker, BreakerSnapshot.CLOSED);
        if (current.state() != seen.state() || !current.changedAt().equals(seen.changedAt())) {
            return false;
        }
        states.put(team + "/" + breaker, new BreakerSnapshot(CircuitState.HALF_OPEN, current.failures(), now));
        return true;
    }

    synchronized CircuitState state(TeamId team, String breaker) {
        return states.getOrDefault(team + "/" + breaker, BreakerSnapshot.CLOSED).state();
    }
}
