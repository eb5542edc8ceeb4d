package dev.athanor.core.auth.session;

import dev.athanor.core.auth.Credentials;
import dev.athanor.core.auth.JwtSigningKey;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The browser session: {@code athanor_session} carries the access token (HttpOnly, so no script can read it) and is
 * read by micronaut-security's cookie token reader on every surface; {@code athanor_csrf} carries the CSRF token,
 * readable by the page's script, which sends it back in {@code X-CSRF-Token}. The CSRF token is an HMAC of the
 * session token under a key derived from the signing key, so a cookie planted by a sibling site cannot be paired with
 * a header of its own choosing (signed double-submit). Both are {@code SameSite=Lax}, {@code Path=/}, and
 * {@code Secure} unless the request was addressed to localhost, where browsers are served over plain HTTP.
 */
@Singleton
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
public class SessionCookies {

    public static final String SESSION = Credentials.SESSION_COOKIE;
    public static final String CSRF = "athanor_csrf";
    public static final String HEADER = "X-CSRF-Token";

    private final byte[] key;

    public SessionCookies(JwtSigningKey signingKey) {
        this.key = signingKey.derive("athanor-csrf-v1");
    }

    /** The CSRF token that goes with a session token. */
    public String csrfToken(String sessionToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(sessionToken.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code presented} is the CSRF token of {@code sessionToken}, compared in constant time. */
    public boolean matches(String sessionToken, String presented) {
        return presented != null && MessageDigest.isEqual(csrfToken(sessionToken).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The two cookies of a new session, living as long as its access token. */
    public List<Cookie> issue(HttpRequest<?> request, String accessToken, long maxAgeSeconds) {
        boolean secure = secure(request);
        return List.of(
                Cookie.of(SESSION, accessToken).httpOnly(true).secure(secure).sameSite(SameSite.Lax).path("/")
                        .maxAge(maxAgeSeconds),
                Cookie.of(CSRF, csrfToken(accessToken)).httpOnly(false).secure(secure).sameSite(SameSite.Lax).path("/")
                        .maxAge(maxAgeSeconds));
    }

    /** Cookies that make the browser drop both. */
    public List<Cookie> clear(HttpRequest<?> request) {
        boolean secure = secure(request);
        return List.of(
                Cookie.of(SESSION, "").httpOnly(true).secure(secure).sameSite(SameSite.Lax).path("/").maxAge(0),
                Cookie.of(CSRF, "").httpOnly(false).secure(secure).sameSite(SameSite.Lax).path("/").maxAge(0));
    }

    /** Secure everywhere but on localhost: a Host header saying otherwise only changes the caller's own cookie. */
    static boolean secure(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            name = name.substring(0, Math.max(1, name.indexOf(']') + 1));
        } else if (name.indexOf(':') >= 0) {
            name = name.substring(0, name.indexOf(':'));
        }
        return !(name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]"));
    }
}
