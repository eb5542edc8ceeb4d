package dev.athanor.model.error;

/**
 * A request that cannot be read at all (a body that is not JSON, not UTF-8, or crosses a parser limit): a 400 on
 * every surface, apart from well-formed input with unacceptable values ({@link InvalidInputException}).
 */
public class MalformedInputException extends DomainException {

    public MalformedInputException(String message) {
        super(message);
    }
}
