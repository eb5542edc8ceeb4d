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
    private String param;

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

    /**
     * The request asks for something this provider's vendor cannot do: an INVALID_REQUEST naming the request
     * parameter (its OpenAI wire name) and the provider, so the caller learns which field to change or which
     * provider to route to instead.
     */
    public static LlmException unsupported(String providerId, ProviderKind kind, String param, String detail) {
        LlmException e = new LlmException(LlmErrorKind.INVALID_REQUEST, providerId,
                "'" + param + "' is not supported by the " + kind.wireName() + " provider '" + providerId + "'"
                        + (detail == null ? "" : ": " + detail));
        e.param = param;
        return e;
    }

    /** The same failure naming the request parameter it is about. */
    public LlmException withParam(String name) {
        this.param = name;
        return this;
    }

    /** The request parameter the failure is about (an OpenAI wire name), or null. */
    public String param() {
        return param;
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
