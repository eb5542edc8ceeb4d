package dev.athanor.model.accounts;

import java.time.Instant;

/** Failure counters per key ({@code account:<email>}, {@code address:<ip>}), forgotten a while after the last. */
public interface LoginFailureStore {

    /** The key's failures, or {@link LoginFailures#NONE} when none happened since {@code windowStart}. */
    LoginFailures get(String key, Instant windowStart);

    /**
     * Counts one more failure atomically (a count last touched before {@code windowStart} starts again at one).
     *
     * @param forgetAt when the store may drop the counter
     */
    LoginFailures recordFailure(String key, Instant now, Instant windowStart, Instant forgetAt);

    void reset(String key);
}
