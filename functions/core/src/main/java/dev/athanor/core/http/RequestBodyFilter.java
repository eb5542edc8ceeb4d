package dev.athanor.core.http;

import dev.athanor.model.error.MalformedInputException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Every request body an authenticated caller sends passes here before binding or a route sees it (its declared size
 * was checked before security by {@link RequestSizeLimitFilter}).
 * <ul>
 *   <li>Its actual size, against the route's limit ({@link RequestSizeLimitFilter#limit}): 413.</li>
 *   <li>A route that takes only JSON gets a body that is UTF-8, one JSON document with nothing after it, within
 *       {@link JsonBodyRules}' limits; anything else is a 400 saying what is wrong. The text is kept on the request
 *       for {@link RequestFields}. A body bound to a typed argument must also have that type's field types
 *       ({@link BodyShape}), or it is refused as invalid input naming each field.</li>
 * </ul>
 * The body is awaited without holding a thread (it may still be arriving; the chain goes on on the thread that
 * receives its end, usually the request's own event loop), from a split of the request's body that does not wait
 * for the other readers: a split that waits for the slowest reader (Micronaut's default) stalls a streamed body once
 * Netty's buffer is full when no other reader ever consumes it, leaving the client without an answer.
 */
// only the methods that carry a body
@ServerFilter(value = ServerFilter.MATCH_ALL_PATTERN, methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
public class RequestBodyFilter implements Ordered {

    /** The request attribute holding a checked JSON body's text. */
    static final String CHECKED_BODY = "athanor.checked-body";

    private static final CompletableFuture<Optional<HttpResponse<?>>> NOTHING =
            CompletableFuture.completedFuture(Optional.empty());

    private final long maxBytes;
    private final long defaultBytes;
    private final ErrorResponses responses;
    private final ErrorShape shape;
    private final JsonMapper json;
    private final JsonBodyRules rules;

    RequestBodyFilter(@Value("${micronaut.server.max-request-size:1048576}") long maxBytes,
                      @Value("${athanor.http.default-body-limit:1048576}") long defaultBytes, ErrorResponses responses,
                      ErrorShape shape, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.defaultBytes = defaultBytes;
        this.responses = responses;
        this.shape = shape;
        this.json = json;
        this.rules = new JsonBodyRules((int) Math.min(Integer.MAX_VALUE, maxBytes));
    }

    @RequestFilter
    // an empty answer lets the request through (Micronaut reads a null inside a future as a missing filter context)
    CompletableFuture<Optional<HttpResponse<?>>> check(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return NOTHING;
        }
        Optional<RouteInfo<?>> route = RouteAttributes.getRouteInfo(request);
        long limit = RequestSizeLimitFilter.limit(route, maxBytes, defaultBytes);
        if (RequestSizeLimitFilter.declaredLength(server) == 0 || !takesOnlyJson(route)) {
            return NOTHING;
        }
        return server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST).buffer()
                .thenApply(buffered -> Optional.ofNullable(check(request, route.get(), buffered, limit)));
    }

    @Nullable
    private HttpResponse<?> check(HttpRequest<?> request, RouteInfo<?> route, CloseableAvailableByteBody buffered,
                                  long limit) {
        try (CloseableAvailableByteBody bytes = buffered) {
            if (bytes.length() > limit) {
                return RequestSizeLimitFilter.tooLarge(responses, request, bytes.length(), limit);
            }
            String text = rules.check(bytes.toByteArray());
            request.setAttribute(CHECKED_BODY, text);
            return text.isBlank() ? null : shapeProblem(request, route, text);
        } catch (MalformedInputException e) {
            return responses.of(request, HttpStatus.BAD_REQUEST, e.getMessage(), Map.of());
        }
    }

    /** A body bound to a typed argument must have its types (see {@link BodyShape}). */
    @Nullable
    private HttpResponse<?> shapeProblem(HttpRequest<?> request, RouteInfo<?> route, String text) {
        Optional<Argument<?>> body = route.getBodyArgument();
        if (body.isEmpty() || JsonNode.class.isAssignableFrom(body.get().getType())) {
            return null; // a route taking the tree checks its own types: no second parse for nothing
        }
        Map<String, List<String>> problems;
        try {
            problems = BodyShape.problems(body.get(), json.readValue(text, JsonNode.class));
        } catch (IOException e) {
            return responses.of(request, HttpStatus.BAD_REQUEST, "The body is not valid JSON", Map.of());
        }
        if (problems.isEmpty()) {
            return null;
        }
        if (problems.containsKey("body")) {
            return responses.of(request, shape.invalidInputStatus(), "The body must be a JSON object", Map.of());
        }
        return responses.of(request, shape.invalidInputStatus(), null, problems);
    }

    /** A route with a body that is JSON only (Micronaut's default); uploads of other formats read their own. */
    private static boolean takesOnlyJson(Optional<RouteInfo<?>> route) {
        if (route.isEmpty()) {
            return false;
        }
        List<MediaType> consumes = route.get().getConsumes();
        return consumes.isEmpty() || consumes.stream().allMatch(type -> type.getSubtype().equals("json"));
    }

    @Override
    public int getOrder() {
        // after security: a caller without credentials gets 401 whatever its body, and costs no parsing
        return ServerFilterPhase.SECURITY.after();
    }
}
