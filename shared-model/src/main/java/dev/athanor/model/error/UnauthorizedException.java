package dev.athanor.model.error;

/** Credentials are missing or wrong. */
public class UnauthorizedException extends DomainException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
