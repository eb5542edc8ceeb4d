package dev.athanor.model.budget;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.LimitExceededException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A call was refused before it ran because it could take an account's spend for its period past the limit: the
 * team's day (UTC) past its daily cost limit, or an API key's day or month past the key's budget. Nothing was spent
 * on it; the limit resets when the period ends (or when the limit is raised).
 */
public class BudgetExceededException extends LimitExceededException {

    private final transient TeamId team;
    private final BigDecimal limit;
    private final BigDecimal spent;
    private final BigDecimal held;
    private final BigDecimal estimate;

    public BudgetExceededException(TeamId team, BudgetAccount account, BigDecimal limit, BigDecimal spent,
                                   BigDecimal held, BigDecimal estimate, Instant refusedAt, Instant resetsAt) {
        super(what(team, account, limit) + ": " + usd(spent)
                + " spent, " + usd(held) + " reserved by calls in progress, and this call may cost up to "
                + usd(estimate) + " (the limit resets at " + (account.period() == BudgetPeriod.DAY ? "00:00 UTC)"
                : resetsAt + ")"), refusedAt, resetsAt);
        this.team = team;
        this.limit = limit;
        this.spent = spent;
        this.held = held;
        this.estimate = estimate;
    }

    private static String what(TeamId team, BudgetAccount account, BigDecimal limit) {
        return account.isTeam()
                ? "Daily cost limit of " + usd(limit) + " reached for team " + team.value()
                : "Budget of " + usd(limit) + " per " + account.period().wireName() + " reached for API key "
                + account.keyId();
    }

    @Override
    public boolean quota() {
        return true;
    }

    public TeamId team() {
        return team;
    }

    public BigDecimal limit() {
        return limit;
    }

    public BigDecimal spent() {
        return spent;
    }

    /** What calls still running have set aside. */
    public BigDecimal held() {
        return held;
    }

    /** The refused call's estimated maximum cost. */
    public BigDecimal estimate() {
        return estimate;
    }

    /** Dollars with two decimals; an amount under half a cent with two significant digits, not as $0.00. */
    static String usd(BigDecimal amount) {
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
        if (cents.signum() != 0 || amount.signum() == 0) {
            return "$" + cents.toPlainString();
        }
        return "$" + amount.round(new MathContext(2, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
    }
}
