package dev.athanor.gateway.llm;

import dev.athanor.model.TeamId;
import dev.athanor.model.llm.BreakerSnapshot;
import dev.athanor.model.llm.CircuitBreakerStore;
import dev.athanor.model.llm.CircuitState;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(LocalStackExtension.class)
class DynamoCircuitBreakerStoreIT {

    private static ApplicationContext context;
    private static CircuitBreakerStore store;
    private final TeamId team = TeamId.of("team-" + UUID.randomUUID().toString().substring(0, 8));

    @BeforeAll
    static void start() {
        context = TestFunctions.start("GatewayFunction");
        store = context.getBean(CircuitBreakerStore.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void a_breaker_never_written_is_closed() {
        assertEquals(BreakerSnapshot.CLOSED, store.read(team, "openai"));
    }

    @Test
    void failures_are_counted_exactly_under_concurrency_and_open_the_circuit_at_the_threshold() throws Exception {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<BreakerSnapshot>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> store.recordFailure(team, "openai", 100, now));
            }
            for (Future<BreakerSnapshot> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(8, store.read(team, "openai").failures());
        assertEquals(CircuitState.CLOSED, store.read(team, "openai").state());

        BreakerSnapshot opened = store.recordFailure(team, "openai", 9, now);

        assertEquals(CircuitState.OPEN, opened.state());
        assertEquals(now, opened.changedAt());
        assertEquals(now, opened.lastFailureAt());
        assertEquals(opened, store.read(team, "openai"));
    }

    @Test
    void exactly_one_of_many_concurrent_callers_wins_the_probe() throws Exception {
        Instant openedAt = Instant.parse("2026-03-01T10:00:00Z");
        store.recordFailure(team, "anthropic", 1, openedAt);
        BreakerSnapshot seen = store.read(team, "anthropic");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int winners = 0;
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> store.tryProbe(team, "anthropic", seen, openedAt.plusSeconds(31)));
            }
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                winners += f.get() ? 1 : 0;
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(1, winners);
        assertEquals(CircuitState.HALF_OPEN, store.read(team, "anthropic").state());
    }

    @Test
    void a_failed_probe_reopens_and_a_successful_one_closes() {
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        store.recordFailure(team, "ollama", 1, t0);
        store.tryProbe(team, "ollama", store.read(team, "ollama"), t0.plusSeconds(31));

        BreakerSnapshot reopened = store.recordFailure(team, "ollama", 1000, t0.plusSeconds(32));
        assertEquals(CircuitState.OPEN, reopened.state(), "a probe's failure reopens whatever the threshold");
        assertEquals(t0.plusSeconds(32), reopened.changedAt());

        store.tryProbe(team, "ollama", reopened, t0.plusSeconds(70));
        store.recordSuccess(team, "ollama");
        assertEquals(new BreakerSnapshot(CircuitState.CLOSED, 0, Instant.EPOCH, t0.plusSeconds(32)),
                store.read(team, "ollama"), "a success clears the count and keeps when the last failure was");
    }

    @Test
    void teams_do_not_share_breakers() {
        store.recordFailure(team, "gemini", 1, Instant.now());

        assertEquals(CircuitState.CLOSED, store.read(TeamId.of("someone-else"), "gemini").state());
    }
}
