package dev.athanor.model.error;

/** The caller is known but its role does not allow the request (403); nothing was read or changed. */
public class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        super(message);
    }
}
