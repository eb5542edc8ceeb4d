package dev.athanor.factory.jobs;

import dev.athanor.core.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** In a context given {@code test.clock-ahead}, time runs that far ahead: what was just committed is overdue there. */
@Factory
@Requires(property = "test.clock-ahead")
class AheadClockFactory {

    @Singleton
    @Replaces(factory = ClockFactory.class, bean = Clock.class)
    Clock clock(@Value("${test.clock-ahead}") Duration ahead) {
        return Clock.offset(Clock.systemUTC(), ahead);
    }
}
