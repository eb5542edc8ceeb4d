package dev.athanor.model.error;

import java.util.List;
import java.util.Map;

/** Input that is well-formed but not acceptable; {@code fieldErrors} names each offending field. */
public class InvalidInputException extends DomainException {

    private final Map<String, List<String>> fieldErrors;

    public InvalidInputException(String message) {
        this(message, Map.of());
    }

    public InvalidInputException(String message, Map<String, List<String>> fieldErrors) {
        super(message);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }
}
