package dev.athanor.model.error;

/** The item changed since it was read (or already exists); the caller should read it again and retry. */
public class ConflictException extends DomainException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
