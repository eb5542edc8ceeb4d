package dev.athanor.model.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a login may be tried again after failures: freely below {@code freeFailures}; from there on, only once
 * {@code baseDelay} has passed since the last failure, doubling with each further failure up to {@code maxDelay}.
 */
public record LoginBackoff(int freeFailures, Duration baseDelay, Duration maxDelay) {

    public LoginBackoff {
        if (freeFailures < 1 || baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("login backoff needs at least one free failure and 0 < base <= max");
        }
    }

    /** How long the key must wait from now, or empty when it may try now. */
    public Optional<Duration> wait(LoginFailures failures, Instant now) {
        if (failures.count() < freeFailures) {
            return Optional.empty();
        }
        Duration remaining = Duration.between(now, failures.lastFailureAt().plus(delay(failures.count())));
        return remaining.isNegative() || remaining.isZero() ? Optional.empty() : Optional.of(remaining);
    }

    /** The lockout that follows the {@code count}-th failure in a row. */
    public Duration delay(int count) {
        if (count < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - freeFailures, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
