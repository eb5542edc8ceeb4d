package dev.athanor.model.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A typed provider failure. Providers map their vendor's statuses and transport errors onto a kind; the router
 * decides from the kind whether to retry, fall back or give up. The message never contains an API key.
 */
public class LlmException extends RuntimeException {

    private final LlmErrorKind kind;
    private final String providerId;
    private final int upstreamStatus;
    private final Duration retryAfter;

    public LlmException(LlmErrorKind kind, String providerId, int upstreamStatus, String message,
                        Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.providerId = providerId;
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
    }

    public LlmException(LlmErrorKind kind, String providerId, String message) {
        this(kind, providerId, 0, message, null, null);
    }

    public LlmErrorKind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    public String providerId() {
        return providerId;
    }

    /** The vendor's HTTP status, or 0 when the call failed before one arrived. */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** The wait the vendor asked for (Retry-After), if it asked. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
