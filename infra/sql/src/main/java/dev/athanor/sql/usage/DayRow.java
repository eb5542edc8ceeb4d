package dev.athanor.sql.usage;

import dev.athanor.model.usage.DailyUsage;
import dev.athanor.model.usage.UsageTotals;
import io.micronaut.core.annotation.Introspected;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Aggregate columns of one UTC day. The day comes back as days since 1970-01-01 (UTC), computed from the epoch
 * seconds: the same arithmetic on PostgreSQL and H2, whatever the session's time zone.
 */
@Introspected
record DayRow(long epochDay,
              long calls,
              long failedCalls,
              long promptTokens,
              long completionTokens,
              BigDecimal costUsd,
              long avgLatencyMs) {

    DailyUsage day() {
        return new DailyUsage(LocalDate.ofEpochDay(epochDay), new UsageTotals(calls, failedCalls, promptTokens,
                completionTokens, costUsd, avgLatencyMs));
    }
}
