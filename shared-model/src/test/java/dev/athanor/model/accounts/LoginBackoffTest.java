package dev.athanor.model.accounts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginBackoffTest {

    private final LoginBackoff backoff = new LoginBackoff(5, Duration.ofSeconds(2), Duration.ofMinutes(15));
    private final Instant last = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void failures_below_the_free_count_never_wait() {
        assertEquals(Optional.empty(), backoff.wait(new LoginFailures(4, last), last));
    }

    @Test
    void the_wait_doubles_with_each_failure_past_the_free_count_up_to_the_maximum() {
        assertEquals(Duration.ofSeconds(2), backoff.delay(5));
        assertEquals(Duration.ofSeconds(4), backoff.delay(6));
        assertEquals(Duration.ofSeconds(8), backoff.delay(7));
        assertEquals(Duration.ofMinutes(15), backoff.delay(20));
        assertEquals(Duration.ofMinutes(15), backoff.delay(Integer.MAX_VALUE));
    }

    @Test
    void the_wait_counts_from_the_last_failure_and_ends_when_the_delay_has_passed() {
        LoginFailures six = new LoginFailures(6, last);

        assertEquals(Optional.of(Duration.ofSeconds(3)), backoff.wait(six, last.plusSeconds(1)));
        assertEquals(Optional.empty(), backoff.wait(six, last.plusSeconds(4)));
    }

    @Test
    void a_refusal_names_whole_seconds_rounded_up() {
        assertEquals(1, new LoginThrottledException(Duration.ofMillis(1)).retryAfterSeconds());
        assertEquals(3, new LoginThrottledException(Duration.ofMillis(2001)).retryAfterSeconds());
    }
}
