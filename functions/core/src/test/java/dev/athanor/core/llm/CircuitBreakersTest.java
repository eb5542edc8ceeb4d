package dev.athanor.core.llm;

import dev.athanor.core.llm.CircuitBreakers.Permit;
import dev.athanor.core.llm.LlmRouterTest.MutableClock;
import dev.athanor.model.TeamId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakersTest {

    private static final TeamId TEAM = TeamId.of("team-a");

    private final MutableClock clock = new MutableClock();
    private final InMemoryBreakerStore store = new InMemoryBreakerStore();
    private final List<Runnable> blocking = new ArrayList<>();
    private CircuitBreakers breakers;
    private CircuitBreakers otherInstance;

    @BeforeEach
    void setUp() {
        RouterConfiguration config = new RouterConfiguration();
        config.setFailureThreshold(2);
        config.setStateCacheTtl(Duration.ofSeconds(1));
        breakers = new CircuitBreakers(store, config, clock);
        otherInstance = new CircuitBreakers(store, config, clock);
        assertEquals(Permit.CALL, breakers.acquire(TEAM, "a"));
        assertEquals(1, store.reads);
    }

    private Permit answeredAtOnce() {
        CompletableFuture<Permit> permit = breakers.acquireAsync(TEAM, "a", blocking::add);
        assertTrue(permit.isDone(), "answered without blocking work");
        return permit.join();
    }

    @Test
    void a_closed_state_that_just_went_stale_keeps_serving_while_one_background_read_refreshes_it() {
        clock.advance(Duration.ofMillis(1500));
        otherInstance.onFailure(TEAM, "a");
        otherInstance.onFailure(TEAM, "a");

        for (int i = 0; i < 20; i++) {
            assertEquals(Permit.CALL, answeredAtOnce());
        }
        assertEquals(1, blocking.size(), "one refresh for every request that found the state stale");
        assertEquals(1, store.reads, "no request waited for the store");

        blocking.remove(0).run();

        assertEquals(2, store.reads);
        CompletableFuture<Permit> afterRefresh = breakers.acquireAsync(TEAM, "a", Runnable::run);
        assertEquals(Permit.REJECT, afterRefresh.join(), "the refresh saw the circuit the other instance opened");
        assertEquals(2, store.reads, "the refreshed state is fresh again");
    }

    @Test
    void a_state_older_than_two_periods_is_read_again_before_answering() {
        clock.advance(Duration.ofMillis(2500));
        otherInstance.onFailure(TEAM, "a");
        otherInstance.onFailure(TEAM, "a");

        CompletableFuture<Permit> permit = breakers.acquireAsync(TEAM, "a", blocking::add);

        assertFalse(permit.isDone(), "waits for the store read");
        blocking.remove(0).run();
        assertEquals(Permit.REJECT, permit.join());
    }

    @Test
    void a_refresh_does_not_overwrite_what_this_instance_recorded_meanwhile() {
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Permit.CALL, answeredAtOnce());
        Runnable refresh = blocking.remove(0);
        breakers.onFailure(TEAM, "a");
        breakers.onFailure(TEAM, "a");
        store.recordSuccess(TEAM, "a"); // the store moved on again; the local write is still the newer belief

        refresh.run();

        assertEquals(Permit.REJECT, breakers.acquireAsync(TEAM, "a", Runnable::run).join());
    }
}
