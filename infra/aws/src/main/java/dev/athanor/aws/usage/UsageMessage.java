package dev.athanor.aws.usage;

import dev.athanor.model.usage.UsageEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;
import java.time.Instant;

/** The JSON body of a usage message on the usage queue. */
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
                    @Nullable Instant occurredAt) {

    static UsageMessage of(UsageEvent e) {
        return new UsageMessage(e.id(), e.teamId(), e.surface(), e.project(), e.job(), e.agent(), e.provider(),
                e.model(), e.promptTokens(), e.completionTokens(), e.costUsd(), e.latencyMs(), e.ttftMs(), e.status(),
                e.occurredAt());
    }

    UsageEvent toEvent() {
        return new UsageEvent(id, teamId, surface, project, job, agent, provider, model, promptTokens,
                completionTokens, costUsd, latencyMs, ttftMs, status, occurredAt);
    }
}
