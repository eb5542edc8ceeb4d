package dev.athanor.model.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Money set aside for one LLM call while it runs, so calls running at the same time cannot together spend more than
 * the limit. It counts against {@code account}'s period starting on {@code day} (UTC) until it is settled or
 * released, or until {@code expiresAt} passes (the call crashed and nobody will settle it).
 */
public record BudgetHold(String id, BudgetAccount account, LocalDate day, BigDecimal amount, Instant reservedAt,
                         Instant expiresAt) {

    public BudgetHold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(reservedAt, "reservedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("a hold's amount must be zero or more");
        }
    }

    /** A hold on the team's own daily account. */
    public BudgetHold(String id, LocalDate day, BigDecimal amount, Instant reservedAt, Instant expiresAt) {
        this(id, BudgetAccount.TEAM_DAILY, day, amount, reservedAt, expiresAt);
    }

    boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
