package dev.athanor.testkit;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * In a context given {@code test.movable-clock}, time stands still at the moment the clock was made (so a test never
 * straddles a minute's edge by chance) and moves only when the test advances it. It replaces the one clock the
 * services read time from.
 */
@Factory
@Requires(property = "test.movable-clock")
public class MovableClockFactory {

    @Singleton
    @Replaces(bean = Clock.class)
    MovableClock clock() {
        return new MovableClock();
    }

    public static final class MovableClock extends Clock {

        private final Instant start = Instant.now();
        private volatile Duration ahead = Duration.ZERO;

        public void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return start.plus(ahead);
        }
    }
}
