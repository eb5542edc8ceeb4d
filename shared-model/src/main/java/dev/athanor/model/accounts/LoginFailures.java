package dev.athanor.model.accounts;

import java.time.Instant;

/** How many logins failed in a row for one account or one client address, and when the last one did. */
public record LoginFailures(int count, Instant lastFailureAt) {

    public static final LoginFailures NONE = new LoginFailures(0, Instant.EPOCH);
}
