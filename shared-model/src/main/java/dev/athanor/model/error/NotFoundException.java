package dev.athanor.model.error;

public class NotFoundException extends DomainException {

    public NotFoundException(String message) {
        super(message);
    }
}
