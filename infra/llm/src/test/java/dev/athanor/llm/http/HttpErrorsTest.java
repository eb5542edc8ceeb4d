package dev.athanor.llm.http;

import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpErrorsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, INVALID_REQUEST", "422, INVALID_REQUEST", "413, INVALID_REQUEST", "409, INVALID_REQUEST",
            "401, AUTHENTICATION", "403, AUTHENTICATION",
            "404, NOT_FOUND",
            "408, TIMEOUT", "504, TIMEOUT",
            "429, RATE_LIMITED",
            "500, UNAVAILABLE", "502, UNAVAILABLE", "503, UNAVAILABLE", "529, UNAVAILABLE", "599, UNAVAILABLE"})
    void every_status_has_one_kind(int status, LlmErrorKind kind) {
        assertEquals(kind, HttpErrors.kindOf(status));
    }

    @Test
    void a_refusal_carries_status_vendor_message_and_wait() {
        LlmException e = HttpErrors.fromStatus("p1", 429, "slow down", Duration.ofSeconds(7));

        assertEquals(LlmErrorKind.RATE_LIMITED, e.kind());
        assertEquals(429, e.upstreamStatus());
        assertEquals("p1", e.providerId());
        assertEquals("p1: HTTP 429: slow down", e.getMessage());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    }

    @Test
    void retry_after_in_seconds() {
        assertEquals(Duration.ofSeconds(7), HttpErrors.retryAfter("7", NOW));
        assertEquals(Duration.ZERO, HttpErrors.retryAfter(" 0 ", NOW));
    }

    @Test
    void retry_after_as_an_http_date_is_the_wait_until_then() {
        assertEquals(Duration.ofSeconds(90), HttpErrors.retryAfter("Wed, 21 Oct 2015 07:29:30 GMT", NOW));
    }

    @Test
    void retry_after_in_the_past_is_no_wait() {
        assertEquals(Duration.ZERO, HttpErrors.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "soon", "-5", "1.5"})
    void unreadable_retry_after_is_ignored(String header) {
        assertNull(HttpErrors.retryAfter(header, NOW));
    }

    @Test
    void missing_retry_after_is_ignored() {
        assertNull(HttpErrors.retryAfter(null, NOW));
    }

    @Test
    void connect_timeouts_are_timeout_even_when_wrapped_by_the_client() {
        assertEquals(LlmErrorKind.TIMEOUT, HttpErrors.fromTransport("p", new CompletionException(new HttpClientException(
                "Connect Error: connection timed out", new ConnectTimeoutException("connection timed out")))).kind());
        assertEquals(LlmErrorKind.TIMEOUT,
                HttpErrors.fromTransport("p", new ExecutionException(new ConnectTimeoutException("connect"))).kind());
    }

    @Test
    void refused_connections_and_io_errors_are_unavailable() {
        LlmException refused = HttpErrors.fromTransport("p", new ExecutionException(
                new HttpClientException("Connect Error: Connection refused", new ConnectException("Connection refused"))));
        LlmException io = HttpErrors.fromTransport("p", new IOException("connection reset"));

        assertEquals(LlmErrorKind.UNAVAILABLE, refused.kind());
        assertTrue(refused.getMessage().contains("connection refused"), refused.getMessage());
        assertEquals(LlmErrorKind.UNAVAILABLE, io.kind());
        assertEquals(0, io.upstreamStatus());
    }

    @Test
    void a_typed_error_passes_through_unchanged() {
        LlmException typed = new LlmException(LlmErrorKind.NOT_FOUND, "p", "gone");

        assertSame(typed, HttpErrors.fromTransport("p", new CompletionException(typed)));
    }
}
