package dev.athanor.model.usage;

import dev.athanor.model.TeamId;

import java.time.Instant;
import java.util.List;

/** A team's usage over {@code [from, to)}: the totals, and per model, most expensive first. */
public record UsageSummary(TeamId team, Instant from, Instant to, UsageTotals totals, List<ModelUsage> byModel) {

    public UsageSummary {
        byModel = List.copyOf(byModel);
    }
}
