package dev.athanor.factory.auth;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /api/auth/token}; both fields are optional (team {@code default}, role {@code admin}). */
@Serdeable
public record TokenRequest(@Nullable @JsonProperty("team_id") @JsonAlias("teamId") String teamId,
                           @Nullable String role) {

    String teamOrDefault() {
        return teamId == null || teamId.isBlank() ? "default" : teamId;
    }

    String roleOrDefault() {
        return role == null || role.isBlank() ? "admin" : role;
    }
}
