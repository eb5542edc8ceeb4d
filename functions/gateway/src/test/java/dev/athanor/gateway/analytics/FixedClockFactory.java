package dev.athanor.gateway.analytics;

import dev.athanor.core.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A context started with {@code test.analytics.now} reads time from a clock stopped there: "this month" is known. */
@Factory
@Requires(property = "test.analytics.now")
class FixedClockFactory {

    @Singleton
    @Replaces(factory = ClockFactory.class, bean = Clock.class)
    Clock clock(@Value("${test.analytics.now}") String now) {
        return Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
    }
}
