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
    void after_an_idle_spell_within_max_stale_the_first_call_is_answered_at_once_and_the_state_read_behind_it() {
        clock.advance(Duration.ofSeconds(59));
        otherInstance.onFailure(TEAM, "a");
        otherInstance.onFailure(TEAM, "a");

        assertEquals(Permit.CALL, answeredAtOnce(), "an idle instance's first call does not wait for the table");
        assertEquals(1, blocking.size());
        blocking.remove(0).run();
        assertEquals(Permit.REJECT, breakers.acquireAsync(TEAM, "a", Runnable::run).join(),
                "the read behind it saw the circuit the other instance opened");
    }

    @Test
    void a_state_older_than_max_stale_is_read_again_before_answering() {
        clock.advance(Duration.ofSeconds(61));
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

    @Test
    void listeners_hear_a_breaker_open_once_and_close_when_its_probe_succeeds() {
        RouterConfiguration config = new RouterConfiguration();
        config.setFailureThreshold(2);
        List<String> heard = new ArrayList<>();
        CircuitBreakers told = new CircuitBreakers(store, config,
                List.of((team, breaker, from, to, at) -> heard.add(breaker + " " + from + "->" + to + " @" + at)), clock);

        told.onFailure(TEAM, "agent:gemini");
        assertEquals(List.of(), heard, "one failure under the threshold changes nothing");
        told.onFailure(TEAM, "agent:gemini");
        told.onFailure(TEAM, "agent:gemini");
        assertEquals(List.of("agent:gemini CLOSED->OPEN @" + clock.instant()), heard, "opened once");

        clock.advance(config.getCooldown());
        assertEquals(Permit.PROBE, told.acquire(TEAM, "agent:gemini"));
        told.onSuccess(TEAM, "agent:gemini");
        assertEquals("agent:gemini HALF_OPEN->CLOSED @" + clock.instant(), heard.get(1));
        told.onSuccess(TEAM, "agent:gemini");
        assertEquals(2, heard.size(), "a closed breaker's success says nothing");
    }

    @Test
    void a_listener_that_fails_does_not_fail_the_call_it_reports_on() {
        RouterConfiguration config = new RouterConfiguration();
        config.setFailureThreshold(1);
        CircuitBreakers told = new CircuitBreakers(store, config, List.of((team, breaker, from, to, at) -> {
            throw new IllegalStateException("listener down");
        }), clock);

        told.onFailure(TEAM, "b");

        assertEquals(Permit.REJECT, told.acquire(TEAM, "b"));
    }
}
