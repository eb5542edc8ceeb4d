package dev.athanor.factory.observability;

import dev.athanor.factory.observability.CostViews.AgentCost;
import dev.athanor.factory.observability.CostViews.Breakdown;
import dev.athanor.factory.observability.CostViews.DailyCost;
import dev.athanor.factory.observability.CostViews.JobCost;
import dev.athanor.factory.observability.CostViews.Summary;
import dev.athanor.model.TeamId;
import dev.athanor.model.usage.DailyUsage;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.model.usage.UsageTotals;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The cost of a team's factory calls (ledger surface {@code factory}: pipeline phases, where the job is the job's
 * slug and the agent the agent's id, and agent tests), all time unless a period is asked for.
 */
@Requires(beans = UsageLedger.class)
@Singleton
public class FactoryCosts {

    private final UsageLedger ledger;
    private final Clock clock;

    FactoryCosts(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public Summary summary(TeamId team) {
        UsageTotals totals = ledger.totals(team, FactoryActivity.SURFACE);
        String topAgent = byAgent(team).stream().map(AgentCost::agent).filter(Objects::nonNull).findFirst()
                .orElse(null);
        return new Summary(Money.of(totals.costUsd()), totals.calls(),
                Money.average(totals.costUsd(), totals.calls()), topAgent);
    }

    public Breakdown breakdown(TeamId team) {
        UsageTotals totals = ledger.totals(team, FactoryActivity.SURFACE);
        return new Breakdown(Money.of(totals.costUsd()), totals.totalTokens(), totals.calls(), byJob(team),
                byAgent(team));
    }

    /** Most expensive first. */
    public List<AgentCost> byAgent(TeamId team) {
        return ledger.byAgent(team, FactoryActivity.SURFACE).stream()
                .map(g -> new AgentCost(g.key(), Money.of(g.totals().costUsd()), g.totals().calls(),
                        g.totals().promptTokens(), g.totals().completionTokens()))
                .toList();
    }

    /** Most expensive first. */
    public List<JobCost> byJob(TeamId team) {
        return ledger.byJob(team, FactoryActivity.SURFACE).stream()
                .map(g -> new JobCost(g.key(), Money.of(g.totals().costUsd()), g.totals().calls()))
                .toList();
    }

    /** The last {@code days} UTC days up to today, oldest first, every day present (zero when it had no calls). */
    public List<DailyCost> daily(TeamId team, int days) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, UsageTotals> byDate = ledger.daily(team, FactoryActivity.SURFACE, first, today).stream()
                .collect(Collectors.toMap(DailyUsage::date, DailyUsage::totals));
        List<DailyCost> result = new ArrayList<>(days);
        for (LocalDate date = first; !date.isAfter(today); date = date.plusDays(1)) {
            UsageTotals totals = byDate.getOrDefault(date, UsageTotals.NONE);
            result.add(new DailyCost(date.toString(), Money.of(totals.costUsd()), totals.calls()));
        }
        return result;
    }
}
