package dev.athanor.core.auth.session;

import dev.athanor.core.auth.Credentials;
import dev.athanor.core.http.ErrorResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses (403, in the surface's error shape) a state-changing request (POST, PUT, PATCH, DELETE) that carries the
 * session cookie but not the matching {@code X-CSRF-Token} header: a browser attaches cookies to requests other
 * sites make it send, but only a page of ours can read {@code athanor_csrf} to copy it into the header. Requests that
 * bring an {@code Authorization} or {@code X-API-Key} header are let through (no browser adds those on its own, and
 * that header, not the cookie, then authenticates them), as are routes marked {@link CsrfExempt}. Runs before
 * security, so a forged request is refused whether or not its cookie is still valid.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
public class CsrfFilter implements Ordered {

    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final SessionCookies cookies;
    private final ErrorResponses responses;

    CsrfFilter(SessionCookies cookies, ErrorResponses responses) {
        this.cookies = cookies;
        this.responses = responses;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (!STATE_CHANGING.contains(request.getMethod()) || hasHeader(request, HttpHeaders.AUTHORIZATION)
                || hasHeader(request, Credentials.API_KEY_HEADER)) {
            return null;
        }
        Optional<Cookie> session = request.getCookies().findCookie(SessionCookies.SESSION);
        if (session.isEmpty() || session.get().getValue() == null || session.get().getValue().isEmpty()) {
            return null;
        }
        boolean exempt = RouteAttributes.getRouteInfo(request)
                .map(route -> route.getAnnotationMetadata().hasAnnotation(CsrfExempt.class)).orElse(false);
        if (exempt) {
            return null;
        }
        String header = request.getHeaders().get(SessionCookies.HEADER);
        String cookie = request.getCookies().findCookie(SessionCookies.CSRF).map(Cookie::getValue).orElse(null);
        if (header == null || cookie == null || !same(header, cookie) || !cookies.matches(session.get().getValue(), header)) {
            return responses.of(request, HttpStatus.FORBIDDEN, "CSRF check failed: a request authenticated by the "
                    + "session cookie must send the athanor_csrf cookie's value in the X-CSRF-Token header", Map.of());
        }
        return null;
    }

    private static boolean hasHeader(HttpRequest<?> request, String name) {
        String value = request.getHeaders().get(name);
        return value != null && !value.isBlank();
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
