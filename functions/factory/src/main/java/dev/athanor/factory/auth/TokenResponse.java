package dev.athanor.factory.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record TokenResponse(String token, @JsonProperty("team_id") String teamId, String role,
                            @JsonProperty("expires_in") long expiresIn) {
}
