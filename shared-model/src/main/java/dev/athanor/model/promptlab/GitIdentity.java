package dev.athanor.model.promptlab;

import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A team's Git identity for the prompt lab: the platform account its promotions are made as, its access token
 * sealed (never stored or shown in clear), when the host last accepted it, and the team's webhook secret (sealed;
 * {@code null} until one is made).
 */
@Serdeable
public record GitIdentity(GitPlatform platform,
                          String username,
                          String sealedToken,
                          @Nullable String serverUrl,
                          GitUser user,
                          Instant lastValidated,
                          @Nullable String sealedWebhookSecret) {

    public GitIdentity validatedAt(Instant at) {
        return new GitIdentity(platform, username, sealedToken, serverUrl, user, at, sealedWebhookSecret);
    }

    public GitIdentity withWebhookSecret(String sealed) {
        return new GitIdentity(platform, username, sealedToken, serverUrl, user, lastValidated, sealed);
    }
}
