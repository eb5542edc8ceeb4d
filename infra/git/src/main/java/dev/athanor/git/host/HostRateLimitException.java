package dev.athanor.git.host;

import dev.athanor.model.error.LimitExceededException;

import java.time.Instant;

/** A Git host refused a call because the token's rate limit is used up until {@code resetsAt}. */
public class HostRateLimitException extends LimitExceededException {

    public HostRateLimitException(String message, Instant refusedAt, Instant resetsAt) {
        super(message, refusedAt, resetsAt.isBefore(refusedAt) ? refusedAt : resetsAt);
    }

    @Override
    public boolean quota() {
        return false;
    }
}
