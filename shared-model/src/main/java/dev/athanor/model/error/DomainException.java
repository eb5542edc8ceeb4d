package dev.athanor.model.error;

/** A failure the caller can act on; each surface renders it in its own error shape with the matching status. */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }

    protected DomainException(String message, Throwable cause) {
        super(message, cause);
    }
}
