package dev.athanor.llm.http;

import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.net.RefusedAddressException;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.netty.channel.ConnectTimeoutException;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one table from a vendor's HTTP status or a transport failure to a typed {@link LlmException}. */
public final class HttpErrors {

    /** Statuses with a meaning of their own; any other 4xx is the caller's fault and any other 5xx the vendor's. */
    static final Map<Integer, LlmErrorKind> STATUS_KINDS = Map.ofEntries(
            Map.entry(400, LlmErrorKind.INVALID_REQUEST),
            Map.entry(422, LlmErrorKind.INVALID_REQUEST),
            Map.entry(401, LlmErrorKind.AUTHENTICATION),
            Map.entry(403, LlmErrorKind.AUTHENTICATION),
            Map.entry(404, LlmErrorKind.NOT_FOUND),
            Map.entry(408, LlmErrorKind.TIMEOUT),
            Map.entry(504, LlmErrorKind.TIMEOUT),
            Map.entry(429, LlmErrorKind.RATE_LIMITED),
            Map.entry(500, LlmErrorKind.UNAVAILABLE),
            Map.entry(502, LlmErrorKind.UNAVAILABLE),
            Map.entry(503, LlmErrorKind.UNAVAILABLE),
            Map.entry(529, LlmErrorKind.UNAVAILABLE));

    private HttpErrors() {
    }

    public static LlmErrorKind kindOf(int status) {
        LlmErrorKind kind = STATUS_KINDS.get(status);
        if (kind != null) {
            return kind;
        }
        return status >= 500 ? LlmErrorKind.UNAVAILABLE : LlmErrorKind.INVALID_REQUEST;
    }

    /**
     * A Retry-After header as a wait: delta-seconds or an HTTP-date (RFC 9110 section 10.2.3). Null when absent or
     * unreadable; a date in the past is a wait of zero.
     */
    public static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** A vendor's refusal: the message names the status and carries the vendor's own words. */
    public static LlmException fromStatus(String providerId, int status, String vendorMessage, Duration retryAfter) {
        String message = providerId + ": HTTP " + status
                + (vendorMessage == null || vendorMessage.isBlank() ? "" : ": " + vendorMessage);
        return new LlmException(kindOf(status), providerId, status, message, retryAfter, null);
    }

    /**
     * A failure before or instead of a response: timeouts are TIMEOUT, anything else on the wire (an address the SSRF
     * guard refused included) UNAVAILABLE.
     */
    public static LlmException fromTransport(String providerId, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof LlmException llm) {
            return llm;
        }
        if (cause instanceof ConnectTimeoutException) {
            return new LlmException(LlmErrorKind.TIMEOUT, providerId, 0,
                    providerId + ": timed out (" + cause.getMessage() + ")", null, cause);
        }
        RefusedAddressException refused = refusal(failure);
        if (refused != null) {
            // the SSRF guard stopped the connection: the provider's host now points where no call may go
            return new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0,
                    providerId + ": address refused (" + refused.getMessage() + ")", null, cause);
        }
        String what = cause instanceof ConnectException ? "connection refused"
                : cause instanceof IOException ? "I/O error" : "transport error";
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0,
                providerId + ": " + what + " (" + detail + ")", null, cause);
    }

    /** The SSRF guard's refusal somewhere in a failure's causes, or null. */
    public static RefusedAddressException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RefusedAddressException refused) {
                return refused;
            }
        }
        return null;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        // the Netty client wraps the socket's own exception in one of its own
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof HttpClientException && !(cause instanceof HttpClientResponseException))
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
