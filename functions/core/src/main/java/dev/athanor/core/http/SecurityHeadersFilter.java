package dev.athanor.core.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * The standard security headers on every response of every surface, errors included: the browser must not guess a
 * body's type ({@code X-Content-Type-Options: nosniff}), no other site may frame a page ({@code X-Frame-Options: DENY}
 * and CSP's {@code frame-ancestors 'none'}), and no URL leaks to another site through the referrer
 * ({@code Referrer-Policy: no-referrer}: tokens and ids sit in paths). HSTS ({@code Strict-Transport-Security}) when
 * {@code athanor.http.hsts-max-age} is set (seconds; env {@code ATHANOR_HTTP_HSTS_MAX_AGE}, set for every function by
 * {@code template.yaml}) and the request came over HTTPS, as API Gateway says in {@code X-Forwarded-Proto}: a
 * browser ignores the header over plain HTTP, so the local platform sends none.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {

    private final String hsts;

    SecurityHeadersFilter(@Value("${athanor.http.hsts-max-age:0}") long hstsMaxAge) {
        this.hsts = hstsMaxAge > 0 ? "max-age=" + hstsMaxAge + "; includeSubDomains" : null;
    }

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", "frame-ancestors 'none'");
        headers.set("Referrer-Policy", "no-referrer");
        if (hsts != null && overHttps(request)) {
            headers.set("Strict-Transport-Security", hsts);
        }
    }

    private static boolean overHttps(HttpRequest<?> request) {
        return request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }

    @Override
    public int getOrder() {
        // the outermost filter: it sees every response, those other filters answer themselves (401, 413) included
        return ServerFilterPhase.FIRST.before();
    }
}
