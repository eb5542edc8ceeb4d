package dev.athanor.gateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** Bodies the {@code /auth} routes answer with, spelled as API document 001 shows them. */
final class AuthResponses {

    static final String BEARER = "bearer";

    private AuthResponses() {
    }

    @Serdeable
    record Registered(String message, @JsonProperty("user_id") String userId,
                      @JsonProperty("verification_required") boolean verificationRequired) {
    }

    @Serdeable
    record User(String id, String email, String role) {
    }

    /** @param csrfToken the session's CSRF token (also in the athanor_csrf cookie); null without a session */
    @Serdeable
    record LoggedIn(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                    @JsonProperty("expires_in") long expiresIn, User user,
                    @JsonProperty("refresh_token") String refreshToken,
                    @JsonProperty("csrf_token") String csrfToken) {
    }

    @Serdeable
    record Refreshed(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                     @JsonProperty("expires_in") long expiresIn, @JsonProperty("refresh_token") String refreshToken) {
    }

    @Serdeable
    record Message(String message) {
    }

    @Serdeable
    record Verified(String message, String email, boolean verified) {
    }

    @Serdeable
    record CreatedInvite(String code, @JsonProperty("team_id") String teamId, String role,
                         @JsonProperty("expires_at") String expiresAt) {
    }
}
