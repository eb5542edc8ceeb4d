package dev.athanor.gateway.auth;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.athanor.gateway.auth.AuthClient.PASSWORD;
import static dev.athanor.gateway.auth.AuthClient.email;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browser sessions: login with "session": true sets athanor_session (HttpOnly) and athanor_csrf; the cookie
 * authenticates on its own, a state-changing request it alone authenticates needs X-CSRF-Token, a bearer header wins
 * over the cookie, and logout clears both cookies.
 */
@ExtendWith(LocalStackExtension.class)
class SessionCookiesIT {

    private static LambdaHttp gateway;
    private static AuthClient auth;

    @BeforeAll
    static void start() {
        gateway = LambdaHttp.start("GatewayFunction", Map.of("athanor.auth.registration", "open"));
        auth = new AuthClient(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private record Browser(String session, String csrf, LambdaHttp.Response login) {
        String cookieHeader() {
            return "athanor_session=" + session + "; athanor_csrf=" + csrf;
        }
    }

    private static Browser logIn(String host) {
        String email = email("browser");
        auth.register(email, PASSWORD);
        LambdaHttp.Response login = auth.send(AuthClient.post("/auth/login").header("Host", host)
                .json("{\"username\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"session\":true}"));
        assertEquals(200, login.status(), login.body());
        return new Browser(value(cookie(login, "athanor_session")), value(cookie(login, "athanor_csrf")), login);
    }

    private static String cookie(LambdaHttp.Response response, String name) {
        return response.headerValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.multiValueHeaders()));
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static List<String> attributes(String setCookie) {
        return List.of(setCookie.toLowerCase(Locale.ROOT).split(";\\s*"));
    }

    @Test
    void login_with_session_sets_an_http_only_session_cookie_and_a_readable_csrf_cookie() {
        Browser browser = logIn("gateway.example.com");

        List<String> session = attributes(cookie(browser.login(), "athanor_session"));
        List<String> csrf = attributes(cookie(browser.login(), "athanor_csrf"));
        assertEquals(browser.login().get("access_token"), browser.session());
        assertEquals(browser.login().get("csrf_token"), browser.csrf());
        assertTrue(session.containsAll(List.of("path=/", "secure", "httponly", "samesite=lax", "max-age=3600")), session.toString());
        assertTrue(csrf.containsAll(List.of("path=/", "secure", "samesite=lax", "max-age=3600")), csrf.toString());
        assertFalse(csrf.contains("httponly"), csrf.toString());
    }

    @Test
    void on_localhost_the_cookies_are_not_secure() {
        Browser browser = logIn("localhost:8000");

        assertFalse(attributes(cookie(browser.login(), "athanor_session")).contains("secure"));
        assertFalse(attributes(cookie(browser.login(), "athanor_csrf")).contains("secure"));
    }

    @Test
    void the_session_cookie_alone_authenticates_a_read() {
        Browser browser = logIn("gateway.example.com");

        LambdaHttp.Response me = gateway.send(request("GET", "/api/auth/me").header("Cookie", browser.cookieHeader()));

        assertEquals(200, me.status(), me.body());
        assertEquals(auth.claims(browser.session()).get("team_id"), me.get("team_id"));
    }

    @Test
    void a_cookie_authenticated_post_without_the_csrf_header_is_403_and_with_it_goes_through() {
        Browser browser = logIn("gateway.example.com");

        LambdaHttp.Response forged = gateway.send(request("POST", "/auth/invites")
                .header("Cookie", browser.cookieHeader()).json("{\"role\":\"member\"}"));
        LambdaHttp.Response wrongToken = gateway.send(request("POST", "/auth/invites")
                .header("Cookie", "athanor_session=" + browser.session() + "; athanor_csrf=planted")
                .header("X-CSRF-Token", "planted").json("{\"role\":\"member\"}"));
        LambdaHttp.Response allowed = gateway.send(request("POST", "/auth/invites")
                .header("Cookie", browser.cookieHeader()).header("X-CSRF-Token", browser.csrf())
                .json("{\"role\":\"member\"}"));

        assertEquals(403, forged.status(), forged.body());
        assertTrue(((String) forged.get("detail")).startsWith("CSRF check failed"), forged.body());
        assertEquals(403, wrongToken.status(), wrongToken.body());
        assertEquals(201, allowed.status(), allowed.body());
        assertEquals(auth.claims(browser.session()).get("team_id"), allowed.get("team_id"));
    }

    @Test
    void a_bearer_header_takes_precedence_over_the_cookie_and_needs_no_csrf_header() {
        Browser browser = logIn("gateway.example.com");
        String other = gateway.context().getBean(TokenIssuer.class).issue(TeamId.of("bearer-team"), Roles.ADMIN).token();

        LambdaHttp.Response me = gateway.send(request("GET", "/api/auth/me").bearer(other)
                .header("Cookie", browser.cookieHeader()));
        LambdaHttp.Response invite = gateway.send(request("POST", "/auth/invites").bearer(other)
                .header("Cookie", browser.cookieHeader()).json("{}"));

        assertEquals("bearer-team", me.get("team_id"));
        assertEquals(201, invite.status(), invite.body());
        assertEquals("bearer-team", invite.get("team_id"));
    }

    @Test
    void logout_clears_both_cookies_and_revokes_the_refresh_token() {
        Browser browser = logIn("gateway.example.com");
        String refreshToken = (String) browser.login().get("refresh_token");

        LambdaHttp.Response logout = gateway.send(request("POST", "/auth/logout")
                .header("Cookie", browser.cookieHeader()).header("X-CSRF-Token", browser.csrf())
                .json("{\"refresh_token\":\"" + refreshToken + "\"}"));

        assertEquals(200, logout.status(), logout.body());
        assertEquals(Map.of("message", "Logged out"), logout.map());
        for (String name : List.of("athanor_session", "athanor_csrf")) {
            String cleared = cookie(logout, name);
            assertEquals("", value(cleared));
            assertTrue(attributes(cleared).contains("max-age=0"), cleared);
        }
        assertEquals(401, auth.refresh(refreshToken).status());
        LambdaHttp.Response forgedLogout = gateway.send(request("POST", "/auth/logout")
                .header("Cookie", browser.cookieHeader()).json("{}"));
        assertEquals(403, forgedLogout.status());
        assertNotNull(forgedLogout.get("detail"));
    }
}
