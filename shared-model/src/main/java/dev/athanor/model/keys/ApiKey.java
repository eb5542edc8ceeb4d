package dev.athanor.model.keys;

import dev.athanor.model.TeamId;
import dev.athanor.model.budget.BudgetAccount;
import dev.athanor.model.budget.BudgetPeriod;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An API key of a team: a credential for programs, with the role it grants and the limits its calls are held to.
 * The key itself is never kept, only {@code secretHash} (see {@link ApiKeyText}).
 *
 * @param createdBy       the account that created it, or null (a team token or the admin key created it)
 * @param expiresAt       when it stops working, or null for never
 * @param allowedModels   the model ids it may call, or null for any
 * @param budgetUsd       the most its calls may cost per {@code budgetPeriod}, or null for no budget of its own
 * @param requestsPerMinute the most model calls per minute, or null
 * @param tokensPerMinute the most tokens (prompt and completion) per minute, or null
 * @param revokedAt       when it was revoked, or null
 * @param version         the stored version, for conditional writes; null before it is stored
 */
public record ApiKey(String id, TeamId team, String name, String role, String createdBy, Instant createdAt,
                     Instant expiresAt, List<String> allowedModels, BigDecimal budgetUsd, BudgetPeriod budgetPeriod,
                     Integer requestsPerMinute, Integer tokensPerMinute, Instant revokedAt, String secretHash,
                     Long version) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(secretHash, "secretHash");
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
        if ((budgetUsd == null) != (budgetPeriod == null)) {
            throw new IllegalArgumentException("a budget needs both an amount and a period");
        }
    }

    /** Usable at {@code now}: not revoked and not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /**
     * Whether the key may call {@code model}. A model named with its provider ({@code openai/gpt-4o}) is allowed by
     * that exact name or by the model's own name ({@code gpt-4o}).
     */
    public boolean allows(String model) {
        if (allowedModels == null) {
            return true;
        }
        if (allowedModels.contains(model)) {
            return true;
        }
        int slash = model.indexOf('/');
        return slash > 0 && allowedModels.contains(model.substring(slash + 1));
    }

    /** Whether its calls need shared counters (a budget or a rate limit), which cost a table write per call. */
    public boolean hasMeteredLimits() {
        return budgetUsd != null || requestsPerMinute != null || tokensPerMinute != null;
    }

    /** The account its budget is kept in, or null when it has none. */
    public BudgetAccount budgetAccount() {
        return budgetPeriod == null ? null : BudgetAccount.forKey(id, budgetPeriod);
    }

    public ApiKey revoked(Instant at) {
        return new ApiKey(id, team, name, role, createdBy, createdAt, expiresAt, allowedModels, budgetUsd,
                budgetPeriod, requestsPerMinute, tokensPerMinute, at, secretHash, version);
    }
}
