package dev.athanor.core.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.Map;

/**
 * Micronaut's CORS filter refuses with an empty 403 a preflight from an origin that is not allowed, and, on a server
 * reached as localhost (the local platform), any request from an origin that is not local (its guard against web
 * pages driving a local server). Those refusals answer in the surface's error shape like every other 4xx.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class CorsRefusals implements Ordered {

    private final ErrorResponses responses;

    CorsRefusals(ErrorResponses responses) {
        this.responses = responses;
    }

    @ResponseFilter
    MutableHttpResponse<?> shape(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null || response.code() != HttpStatus.FORBIDDEN.getCode() || response.getBody().isPresent()
                || response.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            return response;
        }
        return responses.of(request, HttpStatus.FORBIDDEN,
                "Requests from origin " + origin + " are not allowed here (CORS)", Map.of());
    }

    @Override
    public int getOrder() {
        // outside Micronaut's CORS filter, inside SecurityHeadersFilter (which then heads the shaped answer too)
        return ServerFilterPhase.FIRST.order();
    }
}
