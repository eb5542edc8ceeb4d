package dev.athanor.model.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Sums over a set of calls.
 *
 * @param failedCalls   calls whose status is not {@code ok}
 * @param avgLatencyMs  mean latency over all calls, zero when there were none
 */
public record UsageTotals(long calls, long failedCalls, long promptTokens, long completionTokens, BigDecimal costUsd,
                          long avgLatencyMs) {

    public static final UsageTotals NONE = new UsageTotals(0, 0, 0, 0, BigDecimal.ZERO, 0);

    public UsageTotals {
        Objects.requireNonNull(costUsd, "costUsd");
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
