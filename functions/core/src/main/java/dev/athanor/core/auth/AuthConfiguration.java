package dev.athanor.core.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code athanor.auth.*}. In the cloud the JWT key is read from Secrets Manager ({@code jwt-secret-arn}); locally
 * and in tests it is given directly ({@code jwt-secret}).
 */
@ConfigurationProperties("athanor.auth")
public interface AuthConfiguration {

    /** HS256 signing key, at least 32 bytes. Takes precedence over {@link #getJwtSecretArn()}. */
    @Nullable
    String getJwtSecret();

    /** Secrets Manager id of the signing key. */
    @Nullable
    String getJwtSecretArn();

    /** The key that mints team tokens (X-Admin-Key). Blank means minting is not configured. */
    @Nullable
    String getAdminKey();

    @Bindable(defaultValue = "24h")
    Duration getTokenTtl();

    /**
     * The team a request that carries no credentials at all acts for, as a {@code member} (env
     * {@code ATHANOR_AUTH_ANONYMOUS_TEAM}). Unset, the default everywhere but the local platform: such requests are
     * anonymous and protected routes answer 401. See {@link AnonymousTeamFetcher}.
     */
    @Nullable
    String getAnonymousTeam();
}
