package dev.athanor.orchestrator.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Micronaut's own request timer ({@code http.server.requests}) is left out: {@link RequestMetrics} measures the same
 * requests under the names and labels the API documents.
 */
@Factory
class ServerRequestMeters {

    @Singleton
    MeterFilter withoutMicronautServerRequests() {
        return MeterFilter.denyNameStartsWith("http.server.requests");
    }
}
