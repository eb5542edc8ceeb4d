package dev.athanor.model.accounts;

import dev.athanor.model.error.DomainException;

import java.time.Duration;

/** Too many failed logins for the account or the client address: try again after {@link #retryAfterSeconds()}. */
public class LoginThrottledException extends DomainException {

    private final long retryAfterSeconds;

    public LoginThrottledException(Duration wait) {
        super("Too many failed login attempts; try again in " + seconds(wait) + " seconds");
        this.retryAfterSeconds = seconds(wait);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long seconds(Duration wait) {
        // rounded up: a client that waits exactly this long is let in
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
