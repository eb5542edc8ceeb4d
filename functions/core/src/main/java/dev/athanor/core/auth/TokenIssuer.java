package dev.athanor.core.auth;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.error.UnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Mints team tokens for holders of the admin key. The tokens are accepted by every surface. */
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
@Singleton
public class TokenIssuer {

    private final AuthConfiguration configuration;
    private final TokenGenerator generator;

    public TokenIssuer(AuthConfiguration configuration, TokenGenerator generator) {
        this.configuration = configuration;
        this.generator = generator;
    }

    public record IssuedToken(String token, TeamId team, String role, long expiresInSeconds) {
    }

    /**
     * @throws UnavailableException  when no admin key is configured
     * @throws UnauthorizedException when {@code presentedKey} is missing or wrong
     */
    public IssuedToken issueWithAdminKey(String presentedKey, String teamId, String role) {
        String adminKey = configuration.getAdminKey();
        if (adminKey == null || adminKey.isBlank()) {
            throw new UnavailableException("Token minting is not configured: no admin key is set");
        }
        if (presentedKey == null || !MessageDigest.isEqual(
                adminKey.getBytes(StandardCharsets.UTF_8), presentedKey.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedException("Admin key missing or invalid");
        }
        return issue(TeamId.of(teamId), role);
    }

    /** Issues a token without an admin-key check; for trusted callers such as the local platform's launcher. */
    public IssuedToken issue(TeamId team, String role) {
        if (!Roles.ALL.contains(role)) {
            throw new InvalidInputException("role must be one of " + Roles.ALL.stream().sorted().toList(),
                    Map.of("role", List.of("must be one of " + Roles.ALL.stream().sorted().toList())));
        }
        return issue(TeamPrincipal.team(team, role), configuration.getTokenTtl());
    }

    /** Issues a token carrying {@code principal} (its team, role, account and key) for {@code ttl}. */
    public IssuedToken issue(TeamPrincipal principal, Duration ttl) {
        long seconds = ttl.toSeconds();
        String token = generator.generateToken(principal.authentication(), (int) seconds)
                .orElseThrow(() -> new IllegalStateException("Token generation failed"));
        return new IssuedToken(token, principal.team(), principal.role(), seconds);
    }
}
