package dev.athanor.sql.usage;

import dev.athanor.model.usage.UsageGroup;
import dev.athanor.model.usage.UsageTotals;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;

/** Aggregate columns of one group of a breakdown; {@code groupKey} is null for the calls that carry no value. */
@Introspected
record GroupRow(@Nullable String groupKey,
                long calls,
                long failedCalls,
                long promptTokens,
                long completionTokens,
                BigDecimal costUsd,
                long avgLatencyMs) {

    UsageGroup group() {
        return new UsageGroup(groupKey, new UsageTotals(calls, failedCalls, promptTokens, completionTokens, costUsd,
                avgLatencyMs));
    }
}
