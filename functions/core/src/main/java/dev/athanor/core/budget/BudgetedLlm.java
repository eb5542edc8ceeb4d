package dev.athanor.core.budget;

import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.model.TeamId;
import dev.athanor.model.budget.BudgetExceededException;
import dev.athanor.model.budget.BudgetHold;
import dev.athanor.model.budget.BudgetStore;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.settings.SettingsRepository;
import dev.athanor.model.settings.TeamSettings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;

/**
 * LLM calls held to the team's {@code daily_cost_limit} (a team setting, USD per UTC day). Each call reserves
 * its maximum cost before it runs and is refused with {@link BudgetExceededException} when that does not fit; after
 * it runs, its actual cost replaces the hold, or the hold is released when it failed. Calls running at once on many
 * instances therefore stay under the limit together, short of a call that costs more than its estimate.
 */
@Singleton
@Requires(beans = {BudgetStore.class, SettingsRepository.class})
public class BudgetedLlm {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetedLlm.class);

    private final LlmService llm;
    private final BudgetStore budgets;
    private final SettingsRepository settings;
    private final CallCostEstimator costs;
    private final BudgetConfiguration configuration;
    private final Clock clock;

    public BudgetedLlm(LlmService llm, BudgetStore budgets, SettingsRepository settings, CallCostEstimator costs,
                       BudgetConfiguration configuration, Clock clock) {
        this.llm = llm;
        this.budgets = budgets;
        this.settings = settings;
        this.costs = costs;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * Makes the call if the team's budget for today allows it.
     *
     * @throws BudgetExceededException before any request is sent, when the call could take the day past the limit
     */
    public ChatResponse chat(CallContext context, ChatRequest request) {
        TeamId team = context.team();
        BudgetHold hold = budgets.reserve(team, costs.maximum(request), dailyLimit(team), clock.instant(),
                configuration.getHoldTtl());
        ChatResponse response;
        try {
            response = llm.chat(context, request);
        } catch (RuntimeException | Error failure) {
            release(team, hold, failure);
            throw failure;
        }
        settle(team, hold, costs.actual(request, response.usage()));
        return response;
    }

    private BigDecimal dailyLimit(TeamId team) {
        String stored = settings.find(team, TeamSettings.SCOPE)
                .map(versioned -> versioned.value().get(TeamSettings.DAILY_COST_LIMIT))
                .orElse(null);
        String fallback = TeamSettings.defaults().get(TeamSettings.DAILY_COST_LIMIT);
        if (stored == null) {
            return new BigDecimal(fallback);
        }
        try {
            return new BigDecimal(stored);
        } catch (NumberFormatException e) {
            // settings are checked when written; a value stored some other way must not stop every call
            LOG.warn("Team {} has an unreadable {} '{}'; using {}", team, TeamSettings.DAILY_COST_LIMIT, stored,
                    fallback);
            return new BigDecimal(fallback);
        }
    }

    // the call's answer is paid for: a failure to record it must not lose it (the hold keeps counting until it expires)
    private void settle(TeamId team, BudgetHold hold, BigDecimal cost) {
        try {
            budgets.settle(team, hold, cost, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Cost {} USD of team {} not recorded (hold {} stays until {}): {}", cost.toPlainString(), team,
                    hold.id(), hold.expiresAt(), e.toString());
        }
    }

    private void release(TeamId team, BudgetHold hold, Throwable callFailure) {
        try {
            budgets.release(team, hold, clock.instant());
        } catch (RuntimeException e) {
            callFailure.addSuppressed(e);
        }
    }
}
