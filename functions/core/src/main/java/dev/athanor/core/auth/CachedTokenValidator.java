package dev.athanor.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Checks bearer tokens with the JWT library's own validator (signature, expiry and the other claim checks) and
 * remembers a valid token's authentication for a short while, never past the token's expiry. A client sends the
 * same token with every call, and verifying it each time cost about a tenth of a gateway call's CPU. The library's
 * reactive validator is switched off in configuration, so this is the only token validator.
 */
@Singleton
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
@Requires(property = CachedTokenValidator.REACTIVE_VALIDATOR, value = StringUtils.FALSE)
final class CachedTokenValidator<R> implements TokenValidator<R> {

    static final String REACTIVE_VALIDATOR = "micronaut.security.token.jwt.nimbus.reactive-validator";
    static final Duration REMEMBER = Duration.ofSeconds(30);
    private static final int MAX_TOKENS = 10_000;

    private record Remembered(Authentication authentication, Instant until) {
    }

    private final JsonWebTokenValidator<JWT, R> validator;
    private final JwtAuthenticationFactory authentications;
    private final Clock clock;
    private final Cache<String, Remembered> remembered = Caffeine.newBuilder().maximumSize(MAX_TOKENS).build();

    @Inject
    CachedTokenValidator(JsonWebTokenValidator<JWT, R> validator, JwtAuthenticationFactory authentications) {
        this(validator, authentications, Clock.systemUTC());
    }

    CachedTokenValidator(JsonWebTokenValidator<JWT, R> validator, JwtAuthenticationFactory authentications,
                         Clock clock) {
        this.validator = validator;
        this.authentications = authentications;
        this.clock = clock;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, R request) {
        Instant now = clock.instant();
        Remembered known = remembered.getIfPresent(token);
        if (known != null && now.isBefore(known.until())) {
            return Publishers.just(known.authentication());
        }
        Optional<JWT> jwt = validator.validate(token, request);
        Optional<Authentication> authentication = jwt.flatMap(authentications::createAuthentication);
        if (authentication.isEmpty()) {
            remembered.invalidate(token);
            return Publishers.empty();
        }
        Instant until = now.plus(REMEMBER);
        Instant expiry = expiry(jwt.get());
        if (expiry != null && expiry.isBefore(until)) {
            until = expiry;
        }
        if (until.isAfter(now)) {
            remembered.put(token, new Remembered(authentication.get(), until));
        }
        return Publishers.just(authentication.get());
    }

    private static Instant expiry(JWT jwt) {
        try {
            Date expiry = jwt.getJWTClaimsSet().getExpirationTime();
            return expiry == null ? null : expiry.toInstant();
        } catch (ParseException unreadable) {
            return Instant.MIN; // the validator accepted it, but it is not worth remembering
        }
    }
}
