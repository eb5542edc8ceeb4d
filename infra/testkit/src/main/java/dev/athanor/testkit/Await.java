package dev.athanor.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for work that other threads do (the local platform's pollers, say) to reach a state: reads the state again
 * and again, pausing briefly between reads, until it matches or the deadline passes. The deadline only bounds a
 * broken run; a test asserts on the state returned, never on how long it took.
 */
public final class Await {

    private static final Duration PAUSE = Duration.ofMillis(100);

    private Await() {
    }

    /** The first value read that matches, or the last one read when {@code within} has passed. */
    public static <T> T until(Callable<T> read, Predicate<T> done, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        T value = read.call();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(PAUSE.toMillis());
            value = read.call();
        }
        return value;
    }
}
