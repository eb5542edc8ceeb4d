package dev.athanor.promptlab.git;

import dev.athanor.core.http.RequestFields;
import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitHostApi;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitUser;
import dev.athanor.model.promptlab.GitIdentity;
import dev.athanor.model.promptlab.GitIdentityStore;
import dev.athanor.model.secrets.SecretSealer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Each team's Git identity: checked with its host when given (as the API document says for each platform), kept
 * with the token sealed, and opened only for a call to the host. A team has one identity; a new one replaces it
 * (keeping the team's webhook secret).
 */
@Singleton
@Requires(beans = GitIdentityStore.class)
public class GitIdentities {

    static final int MAX_TOKEN = 1_000;
    static final int MAX_NAME = 200;

    private final GitIdentityStore store;
    private final GitHostApi hosts;
    private final SecretSealer sealer;
    private final OutboundUrlGuard urls;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    GitIdentities(GitIdentityStore store, GitHostApi hosts, SecretSealer sealer, OutboundUrlGuard urls, Clock clock) {
        this.store = store;
        this.hosts = hosts;
        this.sealer = sealer;
        this.urls = urls;
        this.clock = clock;
    }

    /** Checks the credentials in {@code fields} with their host and, when it accepts them, stores them. */
    public GitIdentity authenticate(TeamId team, RequestFields fields) {
        String platformName = fields.string("platform");
        String username = fields.string("username");
        String token = fields.string("access_token");
        String serverUrl = fields.string("server_url");
        Optional<GitPlatform> platform = GitPlatform.parse(platformName);
        if (platformName == null || platformName.isBlank()) {
            fields.error("platform", "is required");
        } else if (platform.isEmpty()) {
            fields.error("platform", "must be one of " + Arrays.stream(GitPlatform.values())
                    .map(GitPlatform::wireName).collect(Collectors.joining(", ")));
        }
        required(fields, "username", username, MAX_NAME);
        required(fields, "access_token", token, MAX_TOKEN);
        if (serverUrl != null && !serverUrl.isBlank()) {
            urls.problem(serverUrl).ifPresent(problem -> fields.error("server_url", problem));
        } else {
            serverUrl = null;
            if (platform.orElse(null) == GitPlatform.GITEA) {
                fields.error("server_url", "is required for gitea (the Gitea server's URL)");
            }
        }
        fields.check("Git credentials");
        GitCredentials credentials = new GitCredentials(platform.orElseThrow(), username.strip(), token.strip(),
                serverUrl == null ? null : serverUrl.strip().replaceAll("/+$", ""));
        GitUser user = hosts.authenticate(credentials);
        GitIdentity identity = new GitIdentity(credentials.platform(), user.username(),
                sealer.seal(credentials.token(), tokenContext(team)), credentials.serverUrl(), user, now(),
                store.find(team).map(GitIdentity::sealedWebhookSecret).orElse(null));
        store.save(team, identity);
        return identity;
    }

    public Optional<GitIdentity> find(TeamId team) {
        return store.find(team);
    }

    /**
     * The team's credentials, opened for a call to its host.
     *
     * @throws ConflictException when the team has not authenticated with a Git platform (409: the caller's own
     *                           credentials are fine, the team's Git sign-in is missing)
     */
    public GitCredentials credentials(TeamId team) {
        return credentials(team, require(team));
    }

    public GitCredentials credentials(TeamId team, GitIdentity identity) {
        return new GitCredentials(identity.platform(), identity.username(),
                sealer.unseal(identity.sealedToken(), tokenContext(team)), identity.serverUrl());
    }

    public GitIdentity require(TeamId team) {
        return store.find(team).orElseThrow(() -> new ConflictException(
                "Not authenticated with a Git platform: POST /api/git/auth with platform, username and access_token"));
    }

    /** Asks the host whether the stored token still works; a token it accepts is marked validated now. */
    public GitIdentity revalidate(TeamId team, GitIdentity identity) {
        hosts.authenticate(credentials(team, identity));
        GitIdentity validated = identity.validatedAt(now());
        store.save(team, validated);
        return validated;
    }

    public boolean forget(TeamId team) {
        return store.delete(team);
    }

    /** Makes a new webhook secret for the team (the old one stops working) and returns it in clear, once. */
    public String newWebhookSecret(TeamId team) {
        GitIdentity identity = require(team);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        store.save(team, identity.withWebhookSecret(sealer.seal(secret, webhookContext(team))));
        return secret;
    }

    /** The team's webhook secret in clear; empty when none was made. */
    public Optional<String> webhookSecret(TeamId team) {
        return store.find(team).map(GitIdentity::sealedWebhookSecret)
                .map(sealed -> sealer.unseal(sealed, webhookContext(team)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static void required(RequestFields fields, String name, String value, int max) {
        if (value == null || value.isBlank()) {
            fields.error(name, "is required");
        } else if (value.length() > max) {
            fields.error(name, "must be at most " + max + " characters");
        }
    }

    private static String tokenContext(TeamId team) {
        return team.value() + "/git/token";
    }

    private static String webhookContext(TeamId team) {
        return team.value() + "/git/webhook";
    }
}
