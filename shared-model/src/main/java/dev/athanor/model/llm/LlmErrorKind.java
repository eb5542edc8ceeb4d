package dev.athanor.model.llm;

/** Why a provider call failed, and whether trying again (here or at another provider) can help. */
public enum LlmErrorKind {
    RATE_LIMITED(true),
    UNAVAILABLE(true),
    TIMEOUT(true),
    AUTHENTICATION(false),
    INVALID_REQUEST(false),
    NOT_FOUND(false);

    private final boolean retryable;

    LlmErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
