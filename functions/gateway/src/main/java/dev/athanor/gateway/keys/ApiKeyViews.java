package dev.athanor.gateway.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.keys.ApiKey;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The API key routes' bodies, snake_case like the rest of the gateway; every field is always present. */
final class ApiKeyViews {

    private ApiKeyViews() {
    }

    /** A key as listed and read: never its text, never its hash. */
    @Serdeable
    record View(String id, String object, String name, @JsonProperty("team_id") String teamId, String role,
                @JsonProperty("created_by") String createdBy, @JsonProperty("created_at") String createdAt,
                @JsonProperty("expires_at") String expiresAt,
                @JsonProperty("allowed_models") List<String> allowedModels,
                @JsonProperty("budget_usd") BigDecimal budgetUsd, @JsonProperty("budget_period") String budgetPeriod,
                @JsonProperty("requests_per_minute") Integer requestsPerMinute,
                @JsonProperty("tokens_per_minute") Integer tokensPerMinute,
                @JsonProperty("revoked_at") String revokedAt, boolean active) {

        static View of(ApiKey key, Instant now) {
            return new View(key.id(), "api_key", key.name(), key.team().value(), key.role(), key.createdBy(),
                    text(key.createdAt()), text(key.expiresAt()), key.allowedModels(), key.budgetUsd(),
                    key.budgetPeriod() == null ? null : key.budgetPeriod().wireName(), key.requestsPerMinute(),
                    key.tokensPerMinute(), text(key.revokedAt()), key.activeAt(now));
        }
    }

    /** {@code POST /auth/keys}: the key's fields and, this once, the key itself. */
    @Serdeable
    record Created(String id, String object, String name, @JsonProperty("team_id") String teamId, String role,
                   @JsonProperty("created_by") String createdBy, @JsonProperty("created_at") String createdAt,
                   @JsonProperty("expires_at") String expiresAt,
                   @JsonProperty("allowed_models") List<String> allowedModels,
                   @JsonProperty("budget_usd") BigDecimal budgetUsd,
                   @JsonProperty("budget_period") String budgetPeriod,
                   @JsonProperty("requests_per_minute") Integer requestsPerMinute,
                   @JsonProperty("tokens_per_minute") Integer tokensPerMinute,
                   @JsonProperty("revoked_at") String revokedAt, boolean active, String key) {

        static Created of(ApiKey stored, String text, Instant now) {
            View view = View.of(stored, now);
            return new Created(view.id(), view.object(), view.name(), view.teamId(), view.role(), view.createdBy(),
                    view.createdAt(), view.expiresAt(), view.allowedModels(), view.budgetUsd(), view.budgetPeriod(),
                    view.requestsPerMinute(), view.tokensPerMinute(), view.revokedAt(), view.active(), text);
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
