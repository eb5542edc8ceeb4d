package dev.athanor.gateway.analytics;

import java.time.Instant;

/**
 * A call a client reports through {@code POST /v1/analytics/usage}, checked.
 *
 * @param requestType  as reported, or null
 * @param timestamp    when the call happened, or null when the report gives none (then: when it was received)
 * @param metadataJson the reported metadata as a JSON object's text, or null
 */
record UsageReport(String userId, String model, int tokensUsed, String requestType, Instant timestamp,
                   String metadataJson) {
}
