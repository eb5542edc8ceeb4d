package dev.athanor.core.http;

import dev.athanor.model.error.MalformedInputException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every request body passes here before security, binding or a route sees it.
 * <ul>
 *   <li>Its size: over {@code micronaut.server.max-request-size}, or the route's {@link BodyLimit}, it is a 413.
 *       Netty enforces the server limit while receiving; behind API Gateway the whole body arrives in the event, so
 *       both are checked here from the declared length and again from the bytes.</li>
 *   <li>A route that takes only JSON gets a body that is UTF-8, one JSON document with nothing after it, within
 *       {@link JsonBodyRules}' limits; anything else is a 400 saying what is wrong. The text is kept on the request
 *       for {@link RequestFields}.</li>
 * </ul>
 * The body is read on the blocking executor (it may still be arriving) from a split of the request's body that does
 * not wait for the other readers: a split that waits for the slowest reader (Micronaut's default) stalls a streamed
 * body once Netty's buffer is full when no other reader ever consumes it, leaving the client without an answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestBodyFilter implements Ordered {

    /** The request attribute holding a checked JSON body's text. */
    static final String CHECKED_BODY = "athanor.checked-body";

    private final long maxBytes;
    private final ErrorResponses responses;
    private final JsonBodyRules rules;

    RequestBodyFilter(@Value("${micronaut.server.max-request-size:1048576}") long maxBytes, ErrorResponses responses) {
        this.maxBytes = maxBytes;
        this.responses = responses;
        this.rules = new JsonBodyRules((int) Math.min(Integer.MAX_VALUE, maxBytes));
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return null;
        }
        Optional<RouteInfo<?>> route = RouteAttributes.getRouteInfo(request);
        long limit = Math.min(maxBytes, route.stream()
                .mapToLong(r -> r.getAnnotationMetadata().longValue(BodyLimit.class, "value").orElse(maxBytes))
                .findFirst().orElse(maxBytes));
        long declared = request.getContentLength();
        if (declared < 0) {
            declared = server.byteBody().expectedLength().orElse(-1);
        }
        if (declared > limit) {
            return tooLarge(request, declared, limit);
        }
        if (declared == 0 || !takesOnlyJson(route)) {
            return null;
        }
        try (CloseableAvailableByteBody bytes = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)
                .buffer().join()) {
            if (bytes.length() > limit) {
                return tooLarge(request, bytes.length(), limit);
            }
            request.setAttribute(CHECKED_BODY, rules.check(bytes.toByteArray()));
            return null;
        } catch (MalformedInputException e) {
            return responses.of(request, HttpStatus.BAD_REQUEST, e.getMessage(), Map.of());
        }
    }

    /** A route with a body that is JSON only (Micronaut's default); uploads of other formats read their own. */
    private static boolean takesOnlyJson(Optional<RouteInfo<?>> route) {
        if (route.isEmpty()) {
            return false;
        }
        List<MediaType> consumes = route.get().getConsumes();
        return consumes.isEmpty() || consumes.stream().allMatch(type -> type.getSubtype().equals("json"));
    }

    private HttpResponse<?> tooLarge(HttpRequest<?> request, long length, long limit) {
        return responses.of(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                "The body is " + length + " bytes; this route takes at most " + limit, Map.of());
    }

    @Override
    public int getOrder() {
        // before security: an oversize or unreadable body is refused whoever sends it
        return ServerFilterPhase.FIRST.order();
    }
}
