package dev.athanor.model.usage;

import java.util.Objects;

/**
 * One line of a breakdown by a call attribute such as the job or the agent: the calls that carry {@code key}.
 * {@code key} is null for the calls that carry none (a factory call outside any job), so a breakdown adds up to the
 * total.
 */
public record UsageGroup(String key, UsageTotals totals) {

    public UsageGroup {
        Objects.requireNonNull(totals, "totals");
    }
}
