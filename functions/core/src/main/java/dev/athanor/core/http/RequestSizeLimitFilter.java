package dev.athanor.core.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;

import java.util.Map;

/**
 * Rejects bodies over {@code micronaut.server.max-request-size} before anything reads them. Netty enforces the
 * limit itself while receiving; behind API Gateway the whole body arrives in the event, so it is checked here.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestSizeLimitFilter implements Ordered {

    private final long maxBytes;
    private final ErrorResponses responses;

    RequestSizeLimitFilter(@Value("${micronaut.server.max-request-size:1048576}") long maxBytes, ErrorResponses responses) {
        this.maxBytes = maxBytes;
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length < 0 && request instanceof ServerHttpRequest<?> server) {
            length = server.byteBody().expectedLength().orElse(-1);
        }
        if (length > maxBytes) {
            return responses.of(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "Request body of " + length + " bytes exceeds the limit of " + maxBytes + " bytes", Map.of());
        }
        return null;
    }

    @Override
    public int getOrder() {
        // before security: an oversize body is refused whoever sends it
        return ServerFilterPhase.FIRST.order();
    }
}
