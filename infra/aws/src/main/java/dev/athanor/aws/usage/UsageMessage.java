package dev.athanor.aws.usage;

import dev.athanor.model.usage.UsageEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON body of a usage message on the usage queue. The fields after {@code occurred_at} came later: a message
 * queued without them reads as a metered call of no user.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record UsageMessage(@Nullable String id,
                    @Nullable String teamId,
                    @Nullable String surface,
                    @Nullable String project,
                    @Nullable String job,
                    @Nullable String agent,
                    @Nullable String provider,
                    @Nullable String model,
                    int promptTokens,
                    int completionTokens,
                    @Nullable BigDecimal costUsd,
                    long latencyMs,
                    @Nullable Long ttftMs,
                    @Nullable String status,
                    @Nullable Instant occurredAt,
                    @Nullable String userId,
                    @Nullable String apiKeyId,
                    @Nullable String requestType,
                    @Nullable String source,
                    @Nullable String metadata) {

    static UsageMessage of(UsageEvent e) {
        return new UsageMessage(e.id(), e.teamId(), e.surface(), e.project(), e.job(), e.agent(), e.provider(),
                e.model(), e.promptTokens(), e.completionTokens(), e.costUsd(), e.latencyMs(), e.ttftMs(), e.status(),
                e.occurredAt(), e.userId(), e.apiKeyId(), e.requestType(), e.source(), e.metadata());
    }

    UsageEvent toEvent() {
        return new UsageEvent(id, teamId, surface, project, job, agent, provider, model, promptTokens,
                completionTokens, costUsd, latencyMs, ttftMs, status, occurredAt, userId, apiKeyId, requestType, source,
                metadata);
    }
}
