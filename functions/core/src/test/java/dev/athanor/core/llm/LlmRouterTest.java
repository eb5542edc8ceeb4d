package dev.athanor.core.llm;

import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.CircuitState;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.usage.UsageEvent;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlmRouterTest {

    private static final TeamId TEAM = TeamId.of("team-a");
    private static final PricingTable PRICES = new PricingTable(JsonMapper.createDefault());
    private static final ChatRequest REQUEST = ChatRequest.of("any-model", List.of(ChatMessage.user("hi")));

    private final MutableClock clock = new MutableClock();
    private final InMemoryBreakerStore store = new InMemoryBreakerStore();
    private final List<Duration> waits = new ArrayList<>();
    private final List<UsageEvent> usage = new CopyOnWriteArrayList<>();
    private RouterConfiguration config;
    private LlmRouter router;

    @BeforeEach
    void setUp() {
        config = new RouterConfiguration();
        config.setMaxAttempts(3);
        config.setFailureThreshold(3);
        config.setCooldown(Duration.ofSeconds(30));
        config.setStateCacheTtl(Duration.ZERO);
        router = routerWith(store);
    }

    private LlmRouter routerWith(InMemoryBreakerStore breakerStore) {
        Backoff backoff = new Backoff(config) {
            @Override
            public CompletableFuture<Void> delay(Duration wait, Executor executor) {
                waits.add(wait);
                return CompletableFuture.completedFuture(null);
            }
        };
        // store calls and provider fallbacks run on the test's thread, in order
        return new LlmRouter(new CircuitBreakers(breakerStore, config, clock), backoff,
                new Metering(usage::add, PRICES, clock), config, Runnable::run);
    }

    private static List<Route> routes(ScriptedProvider... providers) {
        List<Route> routes = new ArrayList<>();
        for (ScriptedProvider provider : providers) {
            routes.add(new Route(provider, "upstream-" + provider.id()));
        }
        return routes;
    }

    private static CallContext context() {
        return CallContext.of(TEAM, "gateway");
    }

    @Test
    void retries_a_retryable_failure_then_returns_the_success() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.UNAVAILABLE).answers("hello");

        ChatResponse response = router.chat(context(), routes(a), REQUEST);

        assertEquals("hello", response.content());
        assertEquals(2, a.callCount());
        assertEquals(1, waits.size());
        assertTrue(waits.get(0).toMillis() >= 100 && waits.get(0).toMillis() <= 200, "jittered first backoff");
        assertEquals("upstream-a", a.calls.get(0).model(), "the route's own model id is sent");
        assertEquals(List.of("unavailable", "ok"), usage.stream().map(UsageEvent::status).toList());
    }

    @Test
    void backoff_grows_exponentially_between_attempts() {
        config.setMaxAttempts(4);
        config.setFailureThreshold(10);
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.TIMEOUT).fails(LlmErrorKind.TIMEOUT)
                .fails(LlmErrorKind.TIMEOUT).answers("late");

        router.chat(context(), routes(a), REQUEST);

        assertEquals(3, waits.size());
        assertTrue(waits.get(1).toMillis() >= 200 && waits.get(1).toMillis() <= 400, waits.toString());
        assertTrue(waits.get(2).toMillis() >= 400 && waits.get(2).toMillis() <= 800, waits.toString());
    }

    @Test
    void honours_retry_after_when_the_vendor_asks_for_a_longer_wait() {
        ScriptedProvider a = new ScriptedProvider("a").failsWithRetryAfter(Duration.ofSeconds(3)).answers("ok");

        router.chat(context(), routes(a), REQUEST);

        assertEquals(List.of(Duration.ofSeconds(3)), waits);
    }

    @Test
    void falls_back_at_once_when_retry_after_is_longer_than_the_router_waits() {
        ScriptedProvider a = new ScriptedProvider("a").failsWithRetryAfter(Duration.ofMinutes(5));
        ScriptedProvider b = new ScriptedProvider("b").answers("from b");

        ChatResponse response = router.chat(context(), routes(a, b), REQUEST);

        assertEquals("from b", response.content());
        assertEquals(1, a.callCount());
        assertTrue(waits.isEmpty());
    }

    @Test
    void falls_back_to_the_next_provider_on_503() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.UNAVAILABLE);
        ScriptedProvider b = new ScriptedProvider("b").answers("from b");

        ChatResponse response = router.chat(context(), routes(a, b), REQUEST);

        assertEquals("from b", response.content());
        assertEquals(3, a.callCount(), "all attempts at the first provider first");
        assertEquals(1, b.callCount());
        assertEquals("b", usage.get(usage.size() - 1).provider());
    }

    @Test
    void a_non_retryable_provider_failure_falls_back_without_retrying() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.AUTHENTICATION);
        ScriptedProvider b = new ScriptedProvider("b").answers("from b");

        assertEquals("from b", router.chat(context(), routes(a, b), REQUEST).content());
        assertEquals(1, a.callCount());
        assertEquals(CircuitState.CLOSED, store.state(TEAM, "a"), "a bad key is not an outage");
    }

    @Test
    void an_invalid_request_is_neither_retried_nor_sent_elsewhere() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.INVALID_REQUEST);
        ScriptedProvider b = new ScriptedProvider("b").answers("from b");

        LlmException e = assertThrows(LlmException.class, () -> router.chat(context(), routes(a, b), REQUEST));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        assertEquals(0, b.callCount());
    }

    @Test
    void when_every_provider_fails_the_last_error_is_reported() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.UNAVAILABLE);
        ScriptedProvider b = new ScriptedProvider("b").fails(LlmErrorKind.TIMEOUT);

        LlmException e = assertThrows(LlmException.class, () -> router.chat(context(), routes(a, b), REQUEST));

        assertEquals(LlmErrorKind.TIMEOUT, e.kind());
        assertEquals("b", e.providerId());
    }

    @Test
    void the_breaker_opens_after_the_threshold_and_then_rejects_without_calling() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.UNAVAILABLE);
        ScriptedProvider b = new ScriptedProvider("b").answers("from b");

        router.chat(context(), routes(a, b), REQUEST); // three failed attempts: threshold reached
        assertEquals(CircuitState.OPEN, store.state(TEAM, "a"));
        int callsWhenOpened = a.callCount();

        for (int i = 0; i < 5; i++) {
            assertEquals("from b", router.chat(context(), routes(a, b), REQUEST).content());
        }
        assertEquals(callsWhenOpened, a.callCount(), "an open circuit rejects without calling the provider");
        LlmException alone = assertThrows(LlmException.class, () -> router.chat(context(), routes(a), REQUEST));
        assertTrue(alone.getMessage().contains("circuit is open"), alone.getMessage());
    }

    @Test
    void after_the_cooldown_one_probe_goes_through_and_its_success_closes_the_circuit() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.UNAVAILABLE).fails(LlmErrorKind.UNAVAILABLE)
                .fails(LlmErrorKind.UNAVAILABLE).answers("recovered");
        assertThrows(LlmException.class, () -> router.chat(context(), routes(a), REQUEST));
        assertEquals(CircuitState.OPEN, store.state(TEAM, "a"));

        clock.advance(Duration.ofSeconds(29));
        assertThrows(LlmException.class, () -> router.chat(context(), routes(a), REQUEST));
        assertEquals(3, a.callCount(), "still cooling down");

        clock.advance(Duration.ofSeconds(2));
        assertEquals("recovered", router.chat(context(), routes(a), REQUEST).content());
        assertEquals(CircuitState.CLOSED, store.state(TEAM, "a"));
    }

    @Test
    void a_failed_probe_reopens_the_circuit_for_another_cooldown_without_retrying() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.UNAVAILABLE);
        assertThrows(LlmException.class, () -> router.chat(context(), routes(a), REQUEST));
        clock.advance(Duration.ofSeconds(31));

        assertThrows(LlmException.class, () -> router.chat(context(), routes(a), REQUEST));

        assertEquals(4, a.callCount(), "exactly one probe call");
        assertEquals(CircuitState.OPEN, store.state(TEAM, "a"));
        assertThrows(LlmException.class, () -> router.chat(context(), routes(a), REQUEST));
        assertEquals(4, a.callCount(), "open again");
    }

    @Test
    void instances_sharing_the_store_agree_on_an_open_circuit() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.UNAVAILABLE);
        assertThrows(LlmException.class, () -> router.chat(context(), routes(a), REQUEST));

        LlmRouter otherInstance = routerWith(store);
        ScriptedProvider sameProviderElsewhere = new ScriptedProvider("a").answers("never");
        assertThrows(LlmException.class, () -> otherInstance.chat(context(), routes(sameProviderElsewhere), REQUEST));

        assertEquals(0, sameProviderElsewhere.callCount());
    }

    @Test
    void breakers_are_per_team() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.UNAVAILABLE).fails(LlmErrorKind.UNAVAILABLE)
                .fails(LlmErrorKind.UNAVAILABLE).answers("fine for team b");
        assertThrows(LlmException.class, () -> router.chat(context(), routes(a), REQUEST));

        ChatResponse other = router.chat(CallContext.of(TeamId.of("team-b"), "gateway"), routes(a), REQUEST);

        assertEquals("fine for team b", other.content());
    }

    @Test
    void a_stream_falls_back_when_it_fails_before_the_first_piece() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.UNAVAILABLE);
        ScriptedProvider b = new ScriptedProvider("b").answers("streamed by b");
        List<String> pieces = new ArrayList<>();

        ChatResponse response = router.stream(context(), routes(a, b), REQUEST, pieces::add);

        assertEquals(List.of("streamed by b"), pieces);
        assertEquals("streamed by b", response.content());
        assertTrue(usage.get(usage.size() - 1).ttftMs() != null, "a stream records time to first token");
    }

    @Test
    void a_stream_that_failed_after_its_first_piece_is_not_retried_or_moved() {
        ScriptedProvider a = new ScriptedProvider("a").streamsThenFails(2);
        ScriptedProvider b = new ScriptedProvider("b").answers("never");
        List<String> pieces = new ArrayList<>();

        LlmException e = assertThrows(LlmException.class,
                () -> router.stream(context(), routes(a, b), REQUEST, pieces::add));

        assertEquals(LlmErrorKind.UNAVAILABLE, e.kind());
        assertEquals(List.of("piece-1", "piece-2"), pieces);
        assertEquals(1, a.callCount());
        assertEquals(0, b.callCount());
    }

    @Test
    void a_listener_that_fails_is_not_counted_against_the_provider() {
        ScriptedProvider a = new ScriptedProvider("a").answers("x");
        config.setFailureThreshold(1);

        assertThrows(IllegalStateException.class, () -> router.stream(context(), routes(a), REQUEST, text -> {
            throw new IllegalStateException("client went away");
        }));

        assertEquals(CircuitState.CLOSED, store.state(TEAM, "a"));
    }

    @Test
    void a_healthy_provider_costs_no_store_write_and_one_read_per_cache_period() {
        config.setStateCacheTtl(Duration.ofSeconds(1));
        LlmRouter cached = routerWith(store);
        ScriptedProvider a = new ScriptedProvider("a").answers("ok");

        for (int i = 0; i < 50; i++) {
            cached.chat(context(), routes(a), REQUEST);
        }

        assertEquals(1, store.reads);
    }

    @Test
    void chat_async_holds_no_thread_while_the_provider_answers_and_needs_no_blocking_work_when_cached() {
        config.setStateCacheTtl(Duration.ofSeconds(1));
        List<Runnable> blockingWork = new ArrayList<>();
        LlmRouter router = new LlmRouter(new CircuitBreakers(store, config, clock), new Backoff(config),
                new Metering(usage::add, PRICES, clock), config, task -> {
                    blockingWork.add(task);
                    task.run();
                });
        PendingProvider a = new PendingProvider("a");
        CompletableFuture<ChatResponse> warmUp = router.chatAsync(context(), List.of(new Route(a, "m")), REQUEST);
        a.answer(0, "first");
        assertEquals("first", warmUp.join().content());
        assertEquals(1, blockingWork.size(), "the first call reads the breaker state on the blocking executor");

        CompletableFuture<ChatResponse> answer = router.chatAsync(context(), List.of(new Route(a, "m")), REQUEST);

        assertFalse(answer.isDone(), "returned before the provider answered");
        assertEquals(1, blockingWork.size(), "a known-closed circuit needs no blocking work");
        a.answer(1, "second");
        assertEquals("second", answer.join().content());
        assertEquals(List.of("ok", "ok"), usage.stream().map(UsageEvent::status).toList());
    }

    @Test
    void chat_async_retries_a_failed_answer_after_the_backoff_and_completes_with_the_retry() {
        PendingProvider a = new PendingProvider("a");

        CompletableFuture<ChatResponse> answer = router.chatAsync(context(), List.of(new Route(a, "m")), REQUEST);
        a.fail(0, new LlmException(LlmErrorKind.UNAVAILABLE, "a", "down"));
        assertFalse(answer.isDone());
        a.answer(1, "recovered");

        assertEquals("recovered", answer.join().content());
        assertEquals(1, waits.size(), "one backoff between the attempts");
        assertEquals(List.of("unavailable", "ok"), usage.stream().map(UsageEvent::status).toList());
    }

    @Test
    void chat_async_completes_exceptionally_with_the_typed_error_when_every_attempt_fails() {
        PendingProvider a = new PendingProvider("a");

        CompletableFuture<ChatResponse> answer = router.chatAsync(context(), List.of(new Route(a, "m")), REQUEST);
        a.fail(0, new LlmException(LlmErrorKind.AUTHENTICATION, "a", "bad key"));

        CompletionException thrown = assertThrows(CompletionException.class, answer::join);
        assertEquals(LlmErrorKind.AUTHENTICATION, ((LlmException) thrown.getCause()).kind());
    }

    @Test
    void every_attempt_is_metered_with_team_surface_model_and_tokens() {
        ScriptedProvider a = new ScriptedProvider("a").answers("ok");

        router.chat(new CallContext(TEAM, "factory", "proj-1", "job-9", "planner"), routes(a), REQUEST);

        UsageEvent event = usage.get(0);
        assertEquals("team-a", event.teamId());
        assertEquals("factory", event.surface());
        assertEquals("proj-1", event.project());
        assertEquals("job-9", event.job());
        assertEquals("planner", event.agent());
        assertEquals("a", event.provider());
        assertEquals("upstream-a", event.model());
        assertEquals(3, event.promptTokens());
        assertEquals(5, event.completionTokens());
        assertEquals("ok", event.status());
        assertNull(event.userId());
        assertNull(event.apiKeyId());
        assertEquals("chat_completion", event.requestType());
        assertEquals("metered", event.source());
        assertNull(event.metadata());
    }

    @Test
    void a_call_made_for_an_account_through_an_api_key_is_metered_as_theirs_including_failed_attempts() {
        ScriptedProvider a = new ScriptedProvider("a").fails(LlmErrorKind.AUTHENTICATION);
        ScriptedProvider b = new ScriptedProvider("b").answers("ok");
        CallContext caller = new CallContext(TEAM, "gateway", null, null, null, "user-7", "key-3");

        router.chat(caller, routes(a, b), REQUEST);

        assertEquals(List.of("authentication", "ok"), usage.stream().map(UsageEvent::status).toList());
        for (UsageEvent event : usage) {
            assertEquals("user-7", event.userId());
            assertEquals("key-3", event.apiKeyId());
            assertEquals("chat_completion", event.requestType());
            assertEquals("metered", event.source());
        }
    }

    @Test
    void usage_is_priced_from_the_pricing_table_by_the_model_that_answered() {
        ScriptedProvider a = new ScriptedProvider("a").answers("ok");

        router.chat(context(), List.of(new Route(a, "gpt-4o-mini")), REQUEST);

        assertEquals(PRICES.cost("gpt-4o-mini", new dev.athanor.model.llm.Usage(3, 5)), usage.get(0).costUsd());
        assertTrue(usage.get(0).costUsd().signum() > 0, "gpt-4o-mini is priced");
    }

    /** A provider whose answers the test completes by hand, one pending future per call. */
    static final class PendingProvider implements LlmProvider {

        private final String id;
        private final List<CompletableFuture<ChatResponse>> calls = new CopyOnWriteArrayList<>();

        PendingProvider(String id) {
            this.id = id;
        }

        void answer(int call, String text) {
            calls.get(call).complete(new ChatResponse("r", "m", text, "stop", new Usage(1, 1)));
        }

        void fail(int call, LlmException error) {
            calls.get(call).completeExceptionally(error);
        }

        @Override
        public CompletableFuture<ChatResponse> chatAsync(ChatRequest request, Executor blocking) {
            CompletableFuture<ChatResponse> pending = new CompletableFuture<>();
            calls.add(pending);
            return pending;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderKind kind() {
            return ProviderKind.OPENAI;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new UnsupportedOperationException("asynchronous only");
        }

        @Override
        public ChatResponse stream(ChatRequest request, StreamListener listener) {
            throw new UnsupportedOperationException("asynchronous only");
        }

        @Override
        public List<ModelInfo> models() {
            return List.of(new ModelInfo("m", id));
        }

        @Override
        public EmbeddingResponse embed(EmbeddingRequest request) {
            throw new UnsupportedOperationException("asynchronous only");
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
