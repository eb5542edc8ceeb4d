package dev.athanor.model.budget;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A call was refused before it ran because it could take the team's spend for the day (UTC) past its daily cost
 * limit. Nothing was spent on it; the limit resets at midnight UTC or when the team raises it.
 */
public class BudgetExceededException extends DomainException {

    private final transient TeamId team;
    private final BigDecimal limit;
    private final BigDecimal spent;
    private final BigDecimal held;
    private final BigDecimal estimate;

    public BudgetExceededException(TeamId team, BigDecimal limit, BigDecimal spent, BigDecimal held,
                                   BigDecimal estimate) {
        super("Daily cost limit of " + usd(limit) + " reached for team " + team.value() + ": " + usd(spent)
                + " spent, " + usd(held) + " reserved by calls in progress, and this call may cost up to "
                + usd(estimate) + " (the limit resets at 00:00 UTC)");
        this.team = team;
        this.limit = limit;
        this.spent = spent;
        this.held = held;
        this.estimate = estimate;
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
