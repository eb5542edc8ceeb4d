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
    BudgetHold reserve(TeamId team, BigDecimal amount, BigDecimal limit, Instant now, Duration holdFor);

    /** Ends the hold and adds {@code cost} to its day; settling the same hold again adds nothing. */
    void settle(TeamId team, BudgetHold hold, BigDecimal cost, Instant now);

    /** Ends the hold without cost (the call failed). */
    void release(TeamId team, BudgetHold hold, Instant now);

    /** The day as stored, without holds expired by {@code now}; an empty day when nothing was spent. */
    DailyBudget day(TeamId team, LocalDate day, Instant now);
}
