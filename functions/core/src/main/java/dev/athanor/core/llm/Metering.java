package dev.athanor.core.llm;

import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsagePublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns each provider call into a usage event, attributed to the caller's account and API key, typed as a chat
 * completion, an embedding or a raw generation. Publishing is fire-and-forget: it never slows or fails the call.
 */
@Singleton
public class Metering {

    private static final Logger LOG = LoggerFactory.getLogger(Metering.class);

    private final UsagePublisher publisher;
    private final PricingTable prices;
    private final Clock clock;

    public Metering(@Nullable UsagePublisher publisher, PricingTable prices, Clock clock) {
        this.publisher = publisher;
        this.prices = prices;
        this.clock = clock;
    }

    /** @param requestType {@link UsageEvent#CHAT_COMPLETION}, {@link UsageEvent#EMBEDDING} or {@link UsageEvent#GENERATION} */
    public void succeeded(CallContext context, Route route, String requestType, Usage usage, long latencyMs,
                          Long ttftMs) {
        publish(context, route, requestType, usage, latencyMs, ttftMs, "ok");
    }

    public void failed(CallContext context, Route route, String requestType, LlmException error, long latencyMs) {
        publish(context, route, requestType, Usage.NONE, latencyMs, null,
                error.kind().name().toLowerCase(Locale.ROOT));
    }

    /**
     * A call made outside the router, to a provider named by its id (Ollama's raw generation).
     *
     * @param status {@code ok}, or the failure's kind in lower case as the router writes it ({@code not_found}, ...)
     */
    public void recorded(CallContext context, String providerId, String model, String requestType, Usage usage,
                         long latencyMs, Long ttftMs, String status) {
        publish(context, providerId, model, requestType, usage, latencyMs, ttftMs, status);
    }

    private void publish(CallContext context, Route route, String requestType, Usage usage, long latencyMs,
                         Long ttftMs, String status) {
        publish(context, route.provider().id(), route.model(), requestType, usage, latencyMs, ttftMs, status);
    }

    private void publish(CallContext context, String providerId, String model, String requestType, Usage usage,
                         long latencyMs, Long ttftMs, String status) {
        if (publisher == null) {
            return;
        }
        try {
            publisher.publish(new UsageEvent(UUID.randomUUID().toString(), context.team().value(),
                    context.surface(), context.project(), context.job(), context.agent(), providerId,
                    model, usage.promptTokens(), usage.completionTokens(), cost(model, usage), latencyMs,
                    ttftMs, status, clock.instant(), context.user(), context.apiKey(), requestType,
                    UsageEvent.METERED, null));
        } catch (RuntimeException e) {
            LOG.warn("Usage event for provider {} not published: {}", providerId, e.toString());
        }
    }

    private BigDecimal cost(String model, Usage usage) {
        return usage.totalTokens() == 0 ? BigDecimal.ZERO : prices.cost(model, usage);
    }
}
