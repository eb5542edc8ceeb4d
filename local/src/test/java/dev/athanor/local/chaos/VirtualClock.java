package dev.athanor.local.chaos;

import dev.athanor.core.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of a chaos context: real time plus an offset the test moves forward, never back. A worker started after
 * a restart starts later by the time the messages it left in flight take to come back (the queue's visibility
 * timeout); while the queue is idle, time passes until the schedule's sweep finds what is overdue. So leases and
 * the sweep's due times play out as they would, without waiting for them.
 */
final class VirtualClock extends Clock {

    private final AtomicReference<Duration> offset;

    VirtualClock(Duration offset) {
        this.offset = new AtomicReference<>(offset);
    }

    Duration offset() {
        return offset.get();
    }

    void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** The bean: {@code test.chaos.clock-offset} ahead of real time. */
    @Factory
    @Requires(property = "test.chaos")
    static class VirtualClockFactory {

        @Singleton
        @Replaces(factory = ClockFactory.class, bean = Clock.class)
        VirtualClock clock(@Value("${test.chaos.clock-offset:0s}") Duration offset) {
            return new VirtualClock(offset);
        }
    }
}
