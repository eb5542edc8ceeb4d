package dev.athanor.core.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

import java.util.Map;
import java.util.Optional;

/**
 * Refuses a body whose declared length is over the route's limit ({@link #limit}) with 413 before anything reads it. Netty enforces the server limit itself while receiving;
 * behind API Gateway the whole body arrives in the event, so it is checked here. {@link RequestBodyFilter} checks the
 * bytes themselves once the caller is authenticated.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestSizeLimitFilter implements Ordered {

    private final long maxBytes;
    private final long defaultBytes;
    private final ErrorResponses responses;

    RequestSizeLimitFilter(@Value("${micronaut.server.max-request-size:1048576}") long maxBytes,
                           @Value("${athanor.http.default-body-limit:1048576}") long defaultBytes,
                           ErrorResponses responses) {
        this.maxBytes = maxBytes;
        this.defaultBytes = defaultBytes;
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return null;
        }
        long limit = limit(RouteAttributes.getRouteInfo(request), maxBytes, defaultBytes);
        long declared = declaredLength(server);
        return declared > limit ? tooLarge(responses, request, declared, limit) : null;
    }

    /**
     * The route's {@link BodyLimit}, or {@code athanor.http.default-body-limit} for a route without one; never more
     * than the server's {@code max-request-size}, which Netty enforces while receiving.
     */
    static long limit(Optional<RouteInfo<?>> route, long maxBytes, long defaultBytes) {
        return Math.min(maxBytes, route
                .flatMap(r -> r.getAnnotationMetadata().longValue(BodyLimit.class, "value").stream().boxed().findFirst())
                .orElse(defaultBytes));
    }

    /** Content-Length, or the length the body is known to have; -1 when neither is known. */
    static long declaredLength(ServerHttpRequest<?> request) {
        long length = request.getContentLength();
        return length >= 0 ? length : request.byteBody().expectedLength().orElse(-1);
    }

    static HttpResponse<?> tooLarge(ErrorResponses responses, HttpRequest<?> request, long length, long limit) {
        return responses.of(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                "The body is " + length + " bytes; this route takes at most " + limit, Map.of());
    }

    @Override
    public int getOrder() {
        // before security: an oversize body is refused whoever sends it
        return ServerFilterPhase.FIRST.order();
    }
}
