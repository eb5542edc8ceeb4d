package dev.athanor.gateway.auth;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Bodies of the {@code /auth} routes. Every field may be missing: the use cases say which one is required. */
final class AuthRequests {

    private AuthRequests() {
    }

    @Serdeable
    record Register(@Nullable String email, @Nullable String password,
                    @Nullable @JsonProperty("full_name") @JsonAlias("fullName") String fullName,
                    @Nullable @JsonProperty("invite_code") @JsonAlias("inviteCode") String inviteCode) {

        static final Register EMPTY = new Register(null, null, null, null);
    }

    /** {@code session: true} also sets the browser session cookies. */
    @Serdeable
    record Login(@Nullable @JsonAlias("email") String username, @Nullable String password, @Nullable Boolean session) {

        static final Login EMPTY = new Login(null, null, null);
    }

    @Serdeable
    record Refresh(@Nullable @JsonProperty("refresh_token") @JsonAlias("refreshToken") String refreshToken) {

        static final Refresh EMPTY = new Refresh(null);
    }

    @Serdeable
    record Invite(@Nullable String role) {

        static final Invite EMPTY = new Invite(null);
    }
}
