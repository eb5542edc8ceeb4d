package dev.athanor.core.llm;

import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.StreamListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Serves a request from an ordered list of routes: retries a retryable failure with backoff (honouring
 * Retry-After), then falls back to the next route; skips routes whose circuit is open; meters every attempt.
 * A stream that has delivered its first piece is never retried or moved: its failure reaches the caller.
 */
@Singleton
public class LlmRouter {

    private static final Logger LOG = LoggerFactory.getLogger(LlmRouter.class);

    private final CircuitBreakers breakers;
    private final Backoff backoff;
    private final Metering metering;
    private final RouterConfiguration config;

    public LlmRouter(CircuitBreakers breakers, Backoff backoff, Metering metering, RouterConfiguration config) {
        this.breakers = breakers;
        this.backoff = backoff;
        this.metering = metering;
        this.config = config;
    }

    public ChatResponse chat(CallContext context, List<Route> routes, ChatRequest request) {
        return serve(context, routes, request, null);
    }

    public ChatResponse stream(CallContext context, List<Route> routes, ChatRequest request, StreamListener listener) {
        return serve(context, routes, request, listener);
    }

    private ChatResponse serve(CallContext context, List<Route> routes, ChatRequest request, StreamListener listener) {
        if (routes.isEmpty()) {
            throw new LlmException(LlmErrorKind.NOT_FOUND, null, "No provider serves model '" + request.model() + "'");
        }
        LlmException last = null;
        for (Route route : routes) {
            String breaker = route.provider().id();
            CircuitBreakers.Permit permit = breakers.acquire(context.team(), breaker);
            if (permit == CircuitBreakers.Permit.REJECT) {
                last = new LlmException(LlmErrorKind.UNAVAILABLE, breaker,
                        "Provider '" + breaker + "' is failing; its circuit is open");
                continue;
            }
            ChatRequest routed = request.withModel(route.model());
            for (int attempt = 1; ; attempt++) {
                FirstPiece first = listener == null ? null : new FirstPiece(listener);
                long start = System.nanoTime();
                try {
                    ChatResponse response = first == null
                            ? route.provider().chat(routed)
                            : route.provider().stream(routed, first);
                    breakers.onSuccess(context.team(), breaker);
                    metering.succeeded(context, route, response.usage(), millisSince(start),
                            first == null ? null : first.ttftMillis(start));
                    return response;
                } catch (RuntimeException thrown) {
                    if (first != null && first.listenerFailure != null) {
                        throw first.listenerFailure; // our caller went away: not the provider's failure
                    }
                    LlmException e = asLlmException(thrown, breaker);
                    metering.failed(context, route, e, millisSince(start));
                    if (e.retryable()) {
                        breakers.onFailure(context.team(), breaker);
                    }
                    if (first != null && first.started()) {
                        throw e; // the caller has part of an answer: another provider cannot continue it
                    }
                    if (e.kind() == LlmErrorKind.INVALID_REQUEST) {
                        throw e; // the request itself is wrong; every provider would refuse it
                    }
                    last = e;
                    LOG.debug("Provider {} attempt {} failed: {}", breaker, attempt, e.getMessage());
                    if (!e.retryable() || permit == CircuitBreakers.Permit.PROBE || attempt >= config.getMaxAttempts()) {
                        break;
                    }
                    Optional<Duration> wait = backoff.before(attempt + 1, e.retryAfter());
                    if (wait.isEmpty()) {
                        break; // asked to wait longer than we will: try the next provider now
                    }
                    backoff.sleep(wait.get());
                    if (breakers.acquire(context.team(), breaker) != CircuitBreakers.Permit.CALL) {
                        break; // the circuit opened meanwhile (here or elsewhere)
                    }
                }
            }
        }
        throw last;
    }

    private static LlmException asLlmException(RuntimeException thrown, String providerId) {
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
        private long firstAtNanos;
        private RuntimeException listenerFailure;

        FirstPiece(StreamListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onDelta(String text) {
            if (firstAtNanos == 0) {
                firstAtNanos = System.nanoTime();
            }
            try {
                delegate.onDelta(text);
            } catch (RuntimeException e) {
                listenerFailure = e;
                throw e;
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
