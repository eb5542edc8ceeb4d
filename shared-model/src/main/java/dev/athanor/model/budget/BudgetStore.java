package dev.athanor.model.budget;

import dev.athanor.model.TeamId;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Port: each team's daily spend on LLM calls, shared by every function instance. A call reserves its maximum cost
 * before it runs and settles its actual cost (or releases the hold) after, so calls running at once cannot together
 * pass the limit. Every change is applied to the latest stored day (see {@link DailyBudget} for the rules); expired
 * holds are dropped on the next write.
 */
public interface BudgetStore {

    /**
     * Holds {@code amount} on the UTC day of {@code now} for {@code holdFor}.
     *
     * @throws BudgetExceededException when the day's spend and holds leave no room for it under {@code limit}
     */
    default BudgetHold reserve(TeamId team, BigDecimal amount, BigDecimal limit, Instant now, Duration holdFor) {
        return reserve(team, BudgetAccount.TEAM_DAILY, amount, limit, now, holdFor);
    }

    /**
     * Holds {@code amount} on {@code account}'s period of {@code now} for {@code holdFor}; the hold says which account
     * it is on, so settling and releasing it need no more.
     *
     * @throws BudgetExceededException when the period's spend and holds leave no room for it under {@code limit}
     */
    BudgetHold reserve(TeamId team, BudgetAccount account, BigDecimal amount, BigDecimal limit, Instant now,
                       Duration holdFor);

    /** Ends the hold and adds {@code cost} to its day; settling the same hold again adds nothing. */
    void settle(TeamId team, BudgetHold hold, BigDecimal cost, Instant now);

    /** Ends the hold without cost (the call failed). */
    void release(TeamId team, BudgetHold hold, Instant now);

    /** The day as stored, without holds expired by {@code now}; an empty day when nothing was spent. */
    default DailyBudget day(TeamId team, LocalDate day, Instant now) {
        return period(team, BudgetAccount.TEAM_DAILY, day, now);
    }

    /** {@code account}'s period starting on {@code start}, as stored, without holds expired by {@code now}. */
    DailyBudget period(TeamId team, BudgetAccount account, LocalDate start, Instant now);
}
