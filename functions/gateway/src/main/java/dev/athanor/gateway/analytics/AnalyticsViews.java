package dev.athanor.gateway.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.usage.UserModelUsage;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bodies of the analytics endpoints, in seed 001's field names. */
final class AnalyticsViews {

    /** The breakdown key of calls that named no model. */
    static final String NO_MODEL = "unknown";

    private AnalyticsViews() {
    }

    /** {@code POST /v1/analytics/usage}; {@code quota_remaining} is null when the team sets no per-user quota. */
    @Serdeable
    record Recorded(boolean recorded,
                    @JsonProperty("usage_id") String usageId,
                    @JsonProperty("quota_remaining") Long quotaRemaining) {
    }

    @Serdeable
    record Period(String start, String end) {
    }

    /** One model's line: its tokens, successful calls and their cost in US dollars. */
    @Serdeable
    record ModelLine(long tokens, long requests, @JsonProperty("cost_estimate") BigDecimal costEstimate) {
    }

    /** {@code GET /v1/analytics/user/{user_id}}. */
    @Serdeable
    record UserAnalytics(@JsonProperty("user_id") String userId,
                         Period period,
                         @JsonProperty("total_tokens") long totalTokens,
                         @JsonProperty("total_requests") long totalRequests,
                         @JsonProperty("model_breakdown") Map<String, ModelLine> modelBreakdown) {

        static UserAnalytics of(UsageAnalytics.UserUsage usage) {
            Map<String, ModelLine> breakdown = new LinkedHashMap<>();
            long tokens = 0;
            long requests = 0;
            for (UserModelUsage line : usage.byModel()) {
                breakdown.merge(line.model() == null ? NO_MODEL : line.model(),
                        new ModelLine(line.tokens(), line.requests(), dollars(line.costUsd())),
                        (a, b) -> new ModelLine(a.tokens() + b.tokens(), a.requests() + b.requests(),
                                dollars(a.costEstimate().add(b.costEstimate()))));
                tokens += line.tokens();
                requests += line.requests();
            }
            DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
            return new UserAnalytics(usage.userId(), new Period(iso.format(usage.period().start()),
                    iso.format(usage.period().end())), tokens, requests, breakdown);
        }
    }

    /** Exact, without the ledger's trailing zeros ({@code 0.024}, not {@code 0.0240000000}). */
    static BigDecimal dollars(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
