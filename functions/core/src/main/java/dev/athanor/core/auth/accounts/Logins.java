package dev.athanor.core.auth.accounts;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.accounts.Account;
import dev.athanor.model.accounts.AccountRules;
import dev.athanor.model.accounts.AccountStore;
import dev.athanor.model.accounts.RefreshToken;
import dev.athanor.model.accounts.RefreshTokenStore;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.UnauthorizedException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logging in with an email and a password, exchanging refresh tokens, logging out. A wrong password and an unknown
 * email get the same answer after the same work. Refresh tokens rotate: each is used once, and one presented again
 * revokes every token of its login, the newest included (someone else holds a copy).
 */
@Singleton
@Requires(beans = {AccountStore.class, RefreshTokenStore.class, LoginThrottle.class})
public class Logins {

    static final String BAD_CREDENTIALS = "Incorrect email or password";
    static final String BAD_REFRESH = "Invalid or expired refresh token";

    /** @param account the account, after {@link #refresh} as it is now (its role may have changed) */
    public record Session(String accessToken, long expiresIn, Account account, String refreshToken) {
    }

    private final AccountStore accounts;
    private final RefreshTokenStore refreshTokens;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final AccountSettings settings;
    private final Clock clock;

    public Logins(AccountStore accounts, RefreshTokenStore refreshTokens, LoginThrottle throttle, PasswordHasher hasher,
                  TokenIssuer issuer, AccountSettings settings, Clock clock) {
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.hasher = hasher;
        this.issuer = issuer;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param address the client's address as the platform sees it (never a header the client sets), or null */
    public Session login(String username, String password, String address) {
        if (username == null || username.isBlank()) {
            throw required("username");
        }
        if (password == null || password.isEmpty()) {
            throw required("password");
        }
        String email = AccountRules.normalizeEmail(username);
        Instant now = clock.instant();
        throttle.check(email, address, now);
        Optional<Account> found = email.length() > AccountRules.MAX_EMAIL ? Optional.empty() : accounts.byEmail(email);
        boolean matches;
        if (password.length() > AccountRules.MAX_PASSWORD * 2) {
            // longer than any password we take: refused without hashing it
            matches = false;
        } else if (found.isPresent()) {
            matches = hasher.matches(password, found.get().passwordHash());
        } else {
            hasher.matchNothing(password);
            matches = false;
        }
        if (!matches) {
            throttle.failed(email, address, now);
            throw new UnauthorizedException(BAD_CREDENTIALS);
        }
        Account account = found.get();
        throttle.succeeded(email);
        if (!account.verified()) {
            throw new ForbiddenException("Email not verified: open the link sent to " + account.email()
                    + " to verify it, then log in");
        }
        String refreshToken = SecretTokens.newToken();
        refreshTokens.startFamily(SecretTokens.newId("fam_"), email, SecretTokens.hash(refreshToken),
                now.plus(settings.getRefreshTokenTtl()));
        return session(account, refreshToken);
    }

    public Session refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            throw required("refresh_token");
        }
        String hash = SecretTokens.hash(refreshToken);
        RefreshToken current = Optional.ofNullable(hash).flatMap(refreshTokens::find)
                .orElseThrow(() -> new UnauthorizedException(BAD_REFRESH));
        Instant now = clock.instant();
        if (current.used()) {
            refreshTokens.revokeFamily(current.familyId(), now.plus(settings.getRefreshTokenTtl()));
            throw new UnauthorizedException("This refresh token was used already; every token of its login is "
                    + "revoked. Log in again");
        }
        if (!current.usable(now)) {
            throw new UnauthorizedException(BAD_REFRESH);
        }
        Account account = accounts.byEmail(current.email()).orElseThrow(() -> new UnauthorizedException(BAD_REFRESH));
        String next = SecretTokens.newToken();
        if (!refreshTokens.rotate(current, SecretTokens.hash(next), now.plus(settings.getRefreshTokenTtl()), now)) {
            // another request used this token first: two holders of one token, so neither keeps the login
            refreshTokens.revokeFamily(current.familyId(), now.plus(settings.getRefreshTokenTtl()));
            throw new UnauthorizedException("This refresh token was used already; every token of its login is "
                    + "revoked. Log in again");
        }
        return session(account, next);
    }

    /** Revokes the login the refresh token belongs to; an unknown token changes nothing. */
    public void logout(String refreshToken) {
        String hash = SecretTokens.hash(refreshToken);
        if (hash == null) {
            return;
        }
        refreshTokens.find(hash).ifPresent(token -> refreshTokens.revokeFamily(token.familyId(),
                clock.instant().plus(settings.getRefreshTokenTtl())));
    }

    private Session session(Account account, String refreshToken) {
        TeamPrincipal principal = new TeamPrincipal(account.team(), account.role(), account.userId(),
                account.userId(), null);
        TokenIssuer.IssuedToken access = issuer.issue(principal, settings.getAccessTokenTtl());
        return new Session(access.token(), access.expiresInSeconds(), account, refreshToken);
    }

    private static InvalidInputException required(String field) {
        return new InvalidInputException(field + " is required", Map.of(field, List.of("is required")));
    }
}
