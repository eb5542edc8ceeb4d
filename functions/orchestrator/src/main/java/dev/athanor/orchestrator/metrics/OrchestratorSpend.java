package dev.athanor.orchestrator.metrics;

import io.micronaut.context.annotation.Requires;
import dev.athanor.llm.pricing.ModelPrice;
import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.usage.DailyUsage;
import dev.athanor.model.usage.UsageGroup;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.model.usage.UsageTotals;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the team's orchestrator calls cost, as the usage ledger metered them (surface {@code orchestrator}, the agent
 * type as the agent): every call, judge calls included, all time. The ledger knows calls by agent and day, not by
 * project, so these are team-wide figures.
 *
 * <p>{@code savings_vs_all_claude} is what the same prompt and completion tokens would have cost on the model that
 * stands for the claude agent ({@code athanor.orchestrator.metrics.claude-model}, priced by the pricing table), minus
 * what was spent; negative when the agents used cost more than claude would have. Zero when that model has no price.
 */
// the usage ledger is in the API function alone; its worker, which starts every singleton, has none
@Requires(beans = UsageLedger.class)
@Singleton
public class OrchestratorSpend {

    static final String SURFACE = "orchestrator";
    /** Calls the ledger holds without an agent. */
    static final String UNATTRIBUTED = "unattributed";

    private static final BigDecimal PER_MILLION = BigDecimal.valueOf(1_000_000);

    private final UsageLedger ledger;
    private final PricingTable pricing;
    private final Clock clock;
    private final String claudeModel;

    OrchestratorSpend(UsageLedger ledger, PricingTable pricing, Clock clock,
                      @Value("${athanor.orchestrator.metrics.claude-model:claude-sonnet-4-5}") String claudeModel) {
        this.ledger = ledger;
        this.pricing = pricing;
        this.clock = clock;
        this.claudeModel = claudeModel;
    }

    /** The team's spend: all time, today and over the last 30 days. */
    public Spend of(TeamId team) {
        LocalDate today = Figures.utcDay(clock.instant());
        UsageTotals totals = ledger.totals(team, SURFACE);
        Map<String, BigDecimal> byAgent = new HashMap<>();
        for (UsageGroup group : ledger.byAgent(team, SURFACE)) {
            byAgent.merge(group.key() == null ? UNATTRIBUTED : group.key(), group.totals().costUsd(), BigDecimal::add);
        }
        List<DailyUsage> month = ledger.daily(team, SURFACE, today.minusDays(TaskCosts.MONTH_DAYS - 1L), today);
        BigDecimal monthCost = month.stream().map(day -> day.totals().costUsd()).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        LocalDate firstCost = month.stream().filter(day -> day.totals().costUsd().signum() > 0)
                .map(DailyUsage::date).findFirst().orElse(null);
        BigDecimal todayCost = month.stream().filter(day -> day.date().equals(today))
                .map(day -> day.totals().costUsd()).findFirst().orElse(BigDecimal.ZERO);
        Optional<BigDecimal> asClaude = pricing.price(claudeModel).map(price -> asClaude(totals, price));
        return new Spend(totals.costUsd(), todayCost, byAgent, TaskCosts.projection(monthCost, firstCost, today),
                asClaude.orElse(BigDecimal.ZERO), asClaude.map(cost -> cost.subtract(totals.costUsd()))
                .orElse(BigDecimal.ZERO));
    }

    private static BigDecimal asClaude(UsageTotals totals, ModelPrice price) {
        return price.input().multiply(BigDecimal.valueOf(totals.promptTokens()))
                .add(price.output().multiply(BigDecimal.valueOf(totals.completionTokens())))
                .divide(PER_MILLION, 8, RoundingMode.HALF_UP);
    }

    /**
     * @param claudeEquivalent what the same tokens would have cost on the claude model
     * @param savings          {@code claudeEquivalent - total}, zero when the claude model has no price
     */
    public record Spend(BigDecimal total, BigDecimal today, Map<String, BigDecimal> byAgent,
                        BigDecimal monthlyProjection, BigDecimal claudeEquivalent, BigDecimal savings) {

        /** {@code savings / claudeEquivalent * 100}, zero without an equivalent. */
        double savingsPercent() {
            return claudeEquivalent.signum() == 0 ? 0
                    : savings.multiply(BigDecimal.valueOf(100)).divide(claudeEquivalent, 6, RoundingMode.HALF_UP)
                    .doubleValue();
        }
    }
}
