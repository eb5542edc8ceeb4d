package dev.athanor.sql.usage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.Instant;

/** A row of {@code usage_ledger} as stored; the rest of the system sees {@link dev.athanor.model.usage.UsageEvent}. */
@MappedEntity("usage_ledger")
record UsageRow(@Id String id,
                String teamId,
                @Nullable String surface,
                @Nullable String project,
                @Nullable String job,
                @Nullable String agent,
                @Nullable String provider,
                @Nullable String model,
                int promptTokens,
                int completionTokens,
                int totalTokens,
                BigDecimal costUsd,
                long latencyMs,
                @Nullable Long ttftMs,
                String status,
                Instant occurredAt,
                Instant recordedAt,
                @Nullable String userId,
                @Nullable String apiKeyId,
                @Nullable String requestType,
                String source,
                @Nullable String metadata) {
}
