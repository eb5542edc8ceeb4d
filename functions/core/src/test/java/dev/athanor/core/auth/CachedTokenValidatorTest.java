package dev.athanor.core.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A valid token is verified once and then answered from memory, but never past its expiry or for long. */
class CachedTokenValidatorTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger verifications = new AtomicInteger();
    private final Map<String, JWT> validTokens = Map.of(
            "long-lived", jwt("team-a", START.plus(Duration.ofHours(24))),
            "expiring", jwt("team-b", START.plusSeconds(5)));
    private final JsonWebTokenValidator<JWT, Object> library = (token, request) -> {
        verifications.incrementAndGet();
        JWT jwt = validTokens.get(token);
        // the library's own expiry check, against the same clock
        return jwt == null || !expiry(jwt).isAfter(clock.instant()) ? Optional.empty() : Optional.of(jwt);
    };
    private final CachedTokenValidator<Object> validator = new CachedTokenValidator<>(library,
            jwt -> Optional.of(Authentication.build(subject(jwt))), clock);

    @Test
    void a_valid_token_is_verified_once_while_it_is_remembered() {
        assertEquals("team-a", validate("long-lived").getName());
        clock.advance(CachedTokenValidator.REMEMBER.minusSeconds(1));
        assertEquals("team-a", validate("long-lived").getName());

        assertEquals(1, verifications.get());
    }

    @Test
    void a_remembered_token_is_verified_again_after_a_while() {
        validate("long-lived");
        clock.advance(CachedTokenValidator.REMEMBER);

        assertEquals("team-a", validate("long-lived").getName());
        assertEquals(2, verifications.get());
    }

    @Test
    void a_token_is_never_accepted_from_memory_after_it_expires() {
        assertEquals("team-b", validate("expiring").getName());
        clock.advance(Duration.ofSeconds(5));

        assertNull(validate("expiring"));
        assertEquals(2, verifications.get());
    }

    @Test
    void an_invalid_token_is_refused_every_time_and_never_remembered() {
        assertNull(validate("forged"));
        assertNull(validate("forged"));

        assertEquals(2, verifications.get());
    }

    private Authentication validate(String token) {
        return Mono.from(validator.validateToken(token, null)).block();
    }

    private static JWT jwt(String subject, Instant expiry) {
        return new PlainJWT(new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(expiry)).build());
    }

    private static String subject(JWT jwt) {
        try {
            return jwt.getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant expiry(JWT jwt) {
        try {
            return jwt.getJWTClaimsSet().getExpirationTime().toInstant();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now = START;

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
