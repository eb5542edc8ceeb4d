package dev.athanor.model.error;

/** A dependency or a required piece of configuration is missing; retrying later (or configuring it) may help. */
public class UnavailableException extends DomainException {

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
