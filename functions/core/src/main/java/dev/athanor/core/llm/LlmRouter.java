package dev.athanor.core.llm;

import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.usage.UsageEvent;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Serves a request (a chat completion, streamed or not, or an embedding) from an ordered list of routes: retries a retryable failure with backoff (honouring
 * Retry-After), then falls back to the next route; skips routes whose circuit is open; meters every attempt.
 * A stream that has delivered its first piece is never retried or moved: its failure reaches the caller.
 * <p>
 * One asynchronous flow serves both kinds of caller. {@link #chatAsync} and {@link #streamAsync} hold no thread while
 * a provider answers, so a server can call them from its event loop: breaker state comes from the cache, and what
 * the cache cannot answer (store reads and writes) runs on the blocking executor, as do backoff waits and providers
 * that can only block. {@link #chat} and {@link #stream} wait for the same flow.
 */
@Singleton
public class LlmRouter {

    private static final Logger LOG = LoggerFactory.getLogger(LlmRouter.class);

    private final CircuitBreakers breakers;
    private final Backoff backoff;
    private final Metering metering;
    private final RouterConfiguration config;
    private final Executor blocking;

    public LlmRouter(CircuitBreakers breakers, Backoff backoff, Metering metering, RouterConfiguration config,
                     @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.breakers = breakers;
        this.backoff = backoff;
        this.metering = metering;
        this.config = config;
        this.blocking = blocking;
    }

    public ChatResponse chat(CallContext context, List<Route> routes, ChatRequest request) {
        return await(chatAsync(context, routes, request));
    }

    /** {@link #chat} without blocking the caller; completes exceptionally with the {@link LlmException}. */
    public CompletableFuture<ChatResponse> chatAsync(CallContext context, List<Route> routes, ChatRequest request) {
        return serve(chatCall(context, routes, request, null), 0);
    }

    /** Waits for {@link #streamAsync} and returns the summary; pieces reach the listener as that describes. */
    public ChatResponse stream(CallContext context, List<Route> routes, ChatRequest request, StreamListener listener) {
        return await(streamAsync(context, routes, request, listener));
    }

    /**
     * A streamed call without blocking the caller: pieces reach the listener on the provider's transport thread
     * (or, for providers that can only block, on the blocking executor); completes with the summary or exceptionally
     * with the {@link LlmException}, or with what the listener threw.
     */
    public CompletableFuture<ChatResponse> streamAsync(CallContext context, List<Route> routes, ChatRequest request,
                                                       StreamListener listener) {
        return serve(chatCall(context, routes, request, listener), 0);
    }

    /** Embeds the texts on the first route that can, with the same retries, fallback, breakers and metering. */
    public CompletableFuture<EmbeddingResponse> embedAsync(CallContext context, List<Route> routes,
                                                           EmbeddingRequest request) {
        return serve(new Call<>(context, routes, request.model(), UsageEvent.EMBEDDING, EmbeddingResponse::usage, null,
                (route, first) -> route.provider().embedAsync(request.withModel(route.model()), blocking)), 0);
    }

    private Call<ChatResponse> chatCall(CallContext context, List<Route> routes, ChatRequest request,
                                        StreamListener listener) {
        return new Call<>(context, routes, request.model(), UsageEvent.CHAT_COMPLETION, ChatResponse::usage, listener,
                (route, first) -> first == null
                        ? route.provider().chatAsync(request.withModel(route.model()), blocking)
                        : route.provider().streamAsync(request.withModel(route.model()), first, blocking));
    }

    /** One request on its way through the routes, with the last failure seen. */
    private static final class Call<R> {

        final CallContext context;
        final List<Route> routes;
        final String model;
        final String requestType;
        final Function<R, Usage> usage;
        final StreamListener listener;
        /** Sends the request to one route; the listener is null unless the call streams. */
        final BiFunction<Route, FirstPiece, CompletableFuture<R>> send;
        LlmException last;

        Call(CallContext context, List<Route> routes, String model, String requestType, Function<R, Usage> usage,
             StreamListener listener, BiFunction<Route, FirstPiece, CompletableFuture<R>> send) {
            this.context = context;
            this.routes = routes;
            this.model = model;
            this.requestType = requestType;
            this.usage = usage;
            this.listener = listener;
            this.send = send;
        }
    }

    private <R> CompletableFuture<R> serve(Call<R> call, int index) {
        if (call.routes.isEmpty()) {
            return CompletableFuture.failedFuture(new LlmException(LlmErrorKind.NOT_FOUND, null,
                    "No provider serves model '" + call.model + "'"));
        }
        if (index >= call.routes.size()) {
            return CompletableFuture.failedFuture(call.last);
        }
        Route route = call.routes.get(index);
        String breaker = route.provider().id();
        return breakers.acquireAsync(call.context.team(), breaker, blocking).thenCompose(permit -> {
            if (permit == CircuitBreakers.Permit.REJECT) {
                call.last = new LlmException(LlmErrorKind.UNAVAILABLE, breaker,
                        "Provider '" + breaker + "' is failing; its circuit is open");
                return serve(call, index + 1);
            }
            return attempt(call, index, permit, 1);
        });
    }

    private <R> CompletableFuture<R> attempt(Call<R> call, int index, CircuitBreakers.Permit permit, int attempt) {
        Route route = call.routes.get(index);
        FirstPiece first = call.listener == null ? null : new FirstPiece(call.listener);
        long start = System.nanoTime();
        CompletableFuture<R> answer;
        try {
            answer = call.send.apply(route, first);
        } catch (RuntimeException thrown) {
            answer = CompletableFuture.failedFuture(thrown);
        }
        return answer.handle((response, failure) -> failure == null
                        ? succeeded(call, route, response, start, first)
                        : failed(call, index, permit, attempt, unwrap(failure), start, first))
                .thenCompose(Function.identity());
    }

    private <R> CompletableFuture<R> succeeded(Call<R> call, Route route, R response, long start, FirstPiece first) {
        metering.succeeded(call.context, route, call.requestType, call.usage.apply(response), millisSince(start),
                first == null ? null : first.ttftMillis(start));
        return breakers.onSuccessAsync(call.context.team(), route.provider().id(), blocking)
                .thenApply(recorded -> response);
    }

    private <R> CompletableFuture<R> failed(Call<R> call, int index, CircuitBreakers.Permit permit, int attempt,
                                            Throwable thrown, long start, FirstPiece first) {
        if (first != null && first.listenerFailure != null) {
            // our caller went away: not the provider's failure
            return CompletableFuture.failedFuture(first.listenerFailure);
        }
        Route route = call.routes.get(index);
        String breaker = route.provider().id();
        LlmException e = asLlmException(thrown, breaker);
        metering.failed(call.context, route, call.requestType, e, millisSince(start));
        CompletableFuture<Void> recorded = e.retryable()
                ? breakers.onFailureAsync(call.context.team(), breaker, blocking)
                : CompletableFuture.completedFuture(null);
        return recorded.thenCompose(done -> {
            if (first != null && first.started()) {
                // the caller has part of an answer: another provider cannot continue it
                return CompletableFuture.failedFuture(e);
            }
            if (e.kind() == LlmErrorKind.INVALID_REQUEST) {
                return CompletableFuture.failedFuture(e); // the request itself is wrong; every provider would refuse it
            }
            call.last = e;
            LOG.debug("Provider {} attempt {} failed: {}", breaker, attempt, e.getMessage());
            if (!e.retryable() || permit == CircuitBreakers.Permit.PROBE || attempt >= config.getMaxAttempts()) {
                return serve(call, index + 1);
            }
            Optional<Duration> wait = backoff.before(attempt + 1, e.retryAfter());
            if (wait.isEmpty()) {
                return serve(call, index + 1); // asked to wait longer than we will: try the next provider now
            }
            return backoff.delay(wait.get(), blocking)
                    .thenCompose(waited -> breakers.acquireAsync(call.context.team(), breaker, blocking))
                    .thenCompose(again -> again == CircuitBreakers.Permit.CALL
                            ? attempt(call, index, permit, attempt + 1)
                            : serve(call, index + 1)); // the circuit opened meanwhile (here or elsewhere)
        });
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static <R> R await(CompletableFuture<R> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (unwrap(e) instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static LlmException asLlmException(Throwable thrown, String providerId) {
        if (thrown instanceof LlmException e) {
            return e;
        }
        LOG.warn("Provider {} failed unexpectedly", providerId, thrown);
        return new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0,
                "Provider '" + providerId + "' failed: " + thrown.getClass().getSimpleName(), null, thrown);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Passes pieces through and notes when the first one arrived. */
    private static final class FirstPiece implements StreamListener {

        private final StreamListener delegate;
        // written on the transport's thread, read by whichever thread completes the attempt
        private volatile long firstAtNanos;
        private volatile RuntimeException listenerFailure;

        FirstPiece(StreamListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onDelta(String text) {
            arrived();
            try {
                delegate.onDelta(text);
            } catch (RuntimeException e) {
                listenerFailure = e;
                throw e;
            }
        }

        @Override
        public void onToolCall(ToolCallDelta delta) {
            arrived();
            try {
                delegate.onToolCall(delta);
            } catch (RuntimeException e) {
                listenerFailure = e;
                throw e;
            }
        }

        private void arrived() {
            if (firstAtNanos == 0) {
                firstAtNanos = System.nanoTime();
            }
        }

        boolean started() {
            return firstAtNanos != 0;
        }

        Long ttftMillis(long startNanos) {
            return started() ? (firstAtNanos - startNanos) / 1_000_000 : null;
        }
    }
}
