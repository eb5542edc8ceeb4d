package dev.athanor.actions.calls;

import dev.athanor.actions.ActionsConfiguration;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.error.LimitExceededException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.keys.RateLimitStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The per-user limits of the actions API document: tests per minute, and action executions (runs and content helpers)
 * per UTC day. Counted in the shared rate-limit table, so every function instance agrees; a call is counted when it
 * is admitted, before the model is called, whether or not the model then answers. "Per user" is the caller's account;
 * a program whose API key has no account behind it counts as its key, a team token as its team.
 */
@Singleton
public class CallerLimits {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final RateLimitStore counters;
    private final ActionsConfiguration configuration;
    private final Clock clock;

    CallerLimits(@Nullable RateLimitStore counters, ActionsConfiguration configuration, Clock clock) {
        this.counters = counters;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** @throws CallerLimitException when the caller has made its tests of this minute */
    public void admitTest(TeamPrincipal caller) {
        Instant now = clock.instant();
        admit(caller, "tests", now, now.truncatedTo(ChronoUnit.MINUTES), MINUTE, configuration.getTestsPerMinute(),
                "minute");
    }

    /** @throws CallerLimitException when the caller has made its executions of this UTC day */
    public void admitExecution(TeamPrincipal caller) {
        Instant now = clock.instant();
        admit(caller, "executions", now, now.truncatedTo(ChronoUnit.DAYS), DAY, configuration.getExecutionsPerDay(),
                "day");
    }

    private void admit(TeamPrincipal caller, String what, Instant now, Instant window, Duration length, long limit,
                       String per) {
        if (counters == null) {
            throw new UnavailableException("The actions API's rate limits cannot be applied here (no rate_limits table "
                    + "is configured)");
        }
        if (!counters.tryAcquire(caller.team(), counter(caller, what), window, length, limit)) {
            throw new CallerLimitException("Rate limit reached: " + limit + " " + what + " per " + per + " per user",
                    now, window.plus(length));
        }
    }

    static String counter(TeamPrincipal caller, String what) {
        String who = caller.userId() != null ? "user#" + caller.userId()
                : caller.keyId() != null ? "key#" + caller.keyId() : "subject#" + caller.subject();
        return "actions#" + who + "#" + what;
    }

    /** A per-user limit of the actions API is used up until {@link #resetsAt()}. */
    public static final class CallerLimitException extends LimitExceededException {

        CallerLimitException(String message, Instant refusedAt, Instant resetsAt) {
            super(message, refusedAt, resetsAt);
        }

        @Override
        public boolean quota() {
            return false;
        }
    }
}
