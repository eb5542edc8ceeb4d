package dev.athanor.core.auth;

/**
 * Where a request's credentials travel besides {@code Authorization: Bearer}: the names that the readers, the
 * anonymous-team fetcher and the CSRF check must agree on.
 */
public final class Credentials {

    /** The header API keys may come in, for clients that cannot set an Authorization header. */
    public static final String API_KEY_HEADER = "X-API-Key";
    /** The browser session cookie (an access token, HttpOnly). */
    public static final String SESSION_COOKIE = "athanor_session";

    private Credentials() {
    }
}
