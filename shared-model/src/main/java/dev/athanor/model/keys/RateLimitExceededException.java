package dev.athanor.model.keys;

import dev.athanor.model.error.LimitExceededException;

import java.time.Instant;

/** A call was refused because its API key has used its requests or tokens for the current minute. */
public class RateLimitExceededException extends LimitExceededException {

    public RateLimitExceededException(String keyId, String what, long limit, Instant refusedAt, Instant resetsAt) {
        super("Rate limit reached for API key " + keyId + ": " + limit + " " + what + " per minute", refusedAt,
                resetsAt);
    }

    @Override
    public boolean quota() {
        return false;
    }
}
