package dev.athanor.core.auth.session;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionCookiesTest {

    @Test
    void cookies_are_secure_unless_the_request_is_addressed_to_localhost() {
        assertFalse(SessionCookies.secure(HttpRequest.GET("/").header("Host", "localhost:8000")));
        assertFalse(SessionCookies.secure(HttpRequest.GET("/").header("Host", "127.0.0.1")));
        assertFalse(SessionCookies.secure(HttpRequest.GET("/").header("Host", "[::1]:8000")));
        assertTrue(SessionCookies.secure(HttpRequest.GET("/").header("Host", "localhost.example.com")));
        assertTrue(SessionCookies.secure(HttpRequest.GET("/").header("Host", "api.example.com")));
        assertTrue(SessionCookies.secure(HttpRequest.GET("/")));
    }
}
