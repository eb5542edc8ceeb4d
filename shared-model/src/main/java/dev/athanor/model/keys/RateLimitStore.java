package dev.athanor.model.keys;

import dev.athanor.model.TeamId;

import java.time.Duration;
import java.time.Instant;

/**
 * Port: counters per fixed window (a minute, a day), shared by every function instance. A counter is named by its
 * owner and what it counts ({@code key#<id>#requests}); each window starts at zero, and a window's counter is deleted
 * by the store some time after the window ends.
 */
public interface RateLimitStore {

    /**
     * Adds one to the window's counter if it is below {@code limit}, atomically across instances.
     *
     * @return false (and nothing added) when the counter had reached the limit
     */
    boolean tryAcquire(TeamId team, String counter, Instant windowStart, Duration window, long limit);

    /** The window's counter (0 when nothing was counted), read strongly consistent. */
    long current(TeamId team, String counter, Instant windowStart);

    /** Adds {@code amount} to the window's counter, whatever it holds. */
    void add(TeamId team, String counter, Instant windowStart, Duration window, long amount);
}
