package dev.athanor.promptlab.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.git.GitUser;
import dev.athanor.model.promptlab.GitIdentity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The answers of {@code /api/git/...} about a team's Git identity (snake_case, nulls included, never the token). */
final class GitAuthViews {

    private GitAuthViews() {
    }

    @Serdeable
    record UserView(String username,
                    @Nullable String name,
                    @Nullable String email,
                    @JsonProperty("avatar_url") @Nullable String avatarUrl,
                    @JsonProperty("profile_url") @Nullable String profileUrl) {

        static UserView of(GitUser user) {
            return new UserView(user.username(), user.name(), user.email(), user.avatarUrl(), user.profileUrl());
        }
    }

    /** {@code POST /api/git/auth}. */
    @Serdeable
    record Authenticated(boolean success,
                         boolean authenticated,
                         String message,
                         String platform,
                         String username,
                         @JsonProperty("server_url") @Nullable String serverUrl,
                         UserView user,
                         @JsonProperty("last_validated") String lastValidated) {

        static Authenticated of(GitIdentity identity) {
            return new Authenticated(true, true, "Authenticated with " + identity.platform().displayName() + " as "
                    + identity.username(), identity.platform().wireName(), identity.username(), identity.serverUrl(),
                    UserView.of(identity.user()), identity.lastValidated().toString());
        }
    }

    /** {@code GET /api/git/user}. */
    @Serdeable
    record CurrentUser(boolean authenticated,
                       String platform,
                       String username,
                       @Nullable String name,
                       @Nullable String email,
                       @JsonProperty("avatar_url") @Nullable String avatarUrl,
                       @JsonProperty("profile_url") @Nullable String profileUrl,
                       @JsonProperty("server_url") @Nullable String serverUrl,
                       @JsonProperty("last_validated") String lastValidated) {

        static CurrentUser of(GitIdentity identity) {
            GitUser user = identity.user();
            return new CurrentUser(true, identity.platform().wireName(), identity.username(), user.name(),
                    user.email(), user.avatarUrl(), user.profileUrl(), identity.serverUrl(),
                    identity.lastValidated().toString());
        }
    }

    /** {@code GET /api/git/quick-status}: from stored state only. */
    @Serdeable
    record QuickStatus(boolean authenticated,
                       @Nullable String platform,
                       @Nullable String username,
                       @JsonProperty("last_validated") @Nullable String lastValidated) {

        static QuickStatus of(@Nullable GitIdentity identity) {
            return identity == null ? new QuickStatus(false, null, null, null)
                    : new QuickStatus(true, identity.platform().wireName(), identity.username(),
                    identity.lastValidated().toString());
        }
    }

    /** {@code GET /api/git/auth-status}: the stored identity, and whether its host still accepts the token. */
    @Serdeable
    record AuthStatus(boolean authenticated,
                      @Nullable String platform,
                      @Nullable String username,
                      @JsonProperty("server_url") @Nullable String serverUrl,
                      @JsonProperty("last_validated") @Nullable String lastValidated,
                      @JsonProperty("token_valid") @Nullable Boolean tokenValid,
                      @Nullable String detail) {

        static AuthStatus none() {
            return new AuthStatus(false, null, null, null, null, null,
                    "Not authenticated with a Git platform");
        }

        static AuthStatus of(GitIdentity identity, boolean valid, @Nullable String detail) {
            return new AuthStatus(valid, identity.platform().wireName(), identity.username(), identity.serverUrl(),
                    identity.lastValidated().toString(), valid, detail);
        }
    }

    /** {@code POST /api/git/webhook-secret}: shown once. */
    @Serdeable
    record WebhookSecret(String secret, String path, String message) {
    }
}
