package dev.athanor.model.budget;

import java.util.Objects;

/**
 * Whose spend a budget counts, and per which period: the team itself per UTC day (its {@code daily_cost_limit}), or
 * one API key per day or month. Each account keeps its own spend and holds, so a key's budget never touches the
 * team's, nor another key's.
 *
 * @param keyId the API key's id; null for the team's own account
 */
public record BudgetAccount(String keyId, BudgetPeriod period) {

    public static final BudgetAccount TEAM_DAILY = new BudgetAccount(null, BudgetPeriod.DAY);

    public BudgetAccount {
        Objects.requireNonNull(period, "period");
    }

    public static BudgetAccount forKey(String keyId, BudgetPeriod period) {
        return new BudgetAccount(Objects.requireNonNull(keyId, "keyId"), period);
    }

    public boolean isTeam() {
        return keyId == null;
    }
}
