package dev.athanor.orchestrator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;

import java.time.Duration;

/**
 * Counts every request and times it, per method, route template ({@code /api/tasks/{task_id}}, never the raw path,
 * so ids do not make a series each; {@code UNMATCHED} when no route matched) and status:
 * {@code athanor_api_requests_total} and the histogram {@code athanor_api_duration_seconds}. Runs first, so requests
 * refused by security are counted too. These are this instance's counts: each Lambda instance has its own.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestMetrics implements Ordered {

    static final String REQUESTS = "athanor.api.requests";
    static final String DURATION = "athanor.api.duration";
    static final String UNMATCHED = "UNMATCHED";

    private static final String STARTED = RequestMetrics.class.getName() + ".started";
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        String endpoint = RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(route -> ((UriRouteInfo<?, ?>) route).getUriMatchTemplate().toPathString())
                .orElse(UNMATCHED);
        String method = request.getMethodName();
        String status = Integer.toString(response.code());
        Counter.builder(REQUESTS).description("API requests answered by this instance")
                .tags("method", method, "endpoint", endpoint, "status", status)
                .register(registry).increment();
        Timer.builder(DURATION).description("API response time on this instance")
                .tags("method", method, "endpoint", endpoint, "status", status)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
