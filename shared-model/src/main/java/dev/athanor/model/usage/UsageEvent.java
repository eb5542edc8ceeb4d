package dev.athanor.model.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One LLM call as the ledger records it. {@code id} is unique per call, so a redelivered event is written once.
 *
 * @param surface   prompt-lab, gateway, orchestrator, factory or actions
 * @param project   the surface's project id, if the call belongs to one
 * @param job       the job or execution id, if any
 * @param agent     the agent or phase, if any
 * @param costUsd   from the pricing table; zero for unpriced models
 * @param ttftMs    time to first token, null when the call did not stream
 * @param status    ok, or the failure kind in lower case (rate_limited, unavailable, timeout, ...)
 */
public record UsageEvent(String id,
                         String teamId,
                         String surface,
                         String project,
                         String job,
                         String agent,
                         String provider,
                         String model,
                         int promptTokens,
                         int completionTokens,
                         BigDecimal costUsd,
                         long latencyMs,
                         Long ttftMs,
                         String status,
                         Instant occurredAt) {

    public UsageEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
