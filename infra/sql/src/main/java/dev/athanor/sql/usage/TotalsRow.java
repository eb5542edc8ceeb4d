package dev.athanor.sql.usage;

import dev.athanor.model.usage.UsageTotals;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;

/** Aggregate columns of the analytics queries; {@code provider} and {@code model} are null for the overall total. */
@Introspected
record TotalsRow(@Nullable String provider,
                 @Nullable String model,
                 long calls,
                 long failedCalls,
                 long promptTokens,
                 long completionTokens,
                 BigDecimal costUsd,
                 long avgLatencyMs) {

    UsageTotals totals() {
        return new UsageTotals(calls, failedCalls, promptTokens, completionTokens, costUsd, avgLatencyMs);
    }
}
