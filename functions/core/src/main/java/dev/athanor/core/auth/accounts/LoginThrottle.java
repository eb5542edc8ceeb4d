package dev.athanor.core.auth.accounts;

import dev.athanor.model.accounts.LoginBackoff;
import dev.athanor.model.accounts.LoginFailureStore;
import dev.athanor.model.accounts.LoginThrottledException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing, per account (someone trying many passwords on one email) and per client address
 * (someone trying one password on many emails). After {@code login-free-failures} failures in a row either key must
 * wait, twice as long after each further failure; a successful login resets its account's count. An address's count
 * is not reset by a success (one's own account would otherwise reset it between guesses at others') and is forgotten
 * {@code login-failure-window} after its last failure.
 */
@Singleton
@Requires(beans = LoginFailureStore.class)
public class LoginThrottle {

    private final LoginFailureStore failures;
    private final LoginBackoff backoff;
    private final Duration window;

    public LoginThrottle(LoginFailureStore failures, AccountSettings settings) {
        this.failures = failures;
        this.backoff = new LoginBackoff(settings.getLoginFreeFailures(), settings.getLoginBaseDelay(),
                settings.getLoginMaxDelay());
        this.window = settings.getLoginFailureWindow();
    }

    /** @throws LoginThrottledException when the account or the address has to wait */
    public void check(String email, String address, Instant now) {
        Optional<Duration> wait = backoff.wait(failures.get(accountKey(email), now.minus(window)), now);
        if (address != null) {
            Optional<Duration> addressWait = backoff.wait(failures.get(addressKey(address), now.minus(window)), now);
            if (addressWait.isPresent() && (wait.isEmpty() || addressWait.get().compareTo(wait.get()) > 0)) {
                wait = addressWait;
            }
        }
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
    }

    public void failed(String email, String address, Instant now) {
        record(accountKey(email), now);
        if (address != null) {
            record(addressKey(address), now);
        }
    }

    public void succeeded(String email) {
        failures.reset(accountKey(email));
    }

    private void record(String key, Instant now) {
        // kept as long as the longest wait it can cause, and the window after it
        failures.recordFailure(key, now, now.minus(window), now.plus(backoff.maxDelay()).plus(window));
    }

    private static String accountKey(String email) {
        return "account:" + email;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
