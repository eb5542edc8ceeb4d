package dev.athanor.model.page;

import dev.athanor.model.error.InvalidInputException;

import java.util.List;
import java.util.Map;

/**
 * The one answer to every cursor a list cannot take (malformed, made up, from another list, another team or another
 * project): it says nothing about why, so a cursor reveals nothing of what it does not point into.
 */
public class InvalidCursorException extends InvalidInputException {

    private static final String PROBLEM =
            "is not a cursor this list handed out; ask for the first page again without it";

    public InvalidCursorException() {
        super("cursor " + PROBLEM, Map.of("cursor", List.of(PROBLEM)));
    }
}
