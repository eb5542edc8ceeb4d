package dev.athanor.core.http;

import dev.athanor.model.error.InvalidInputException;

import java.util.List;
import java.util.Map;

/**
 * Whole-number query parameters with a range. Read as text, so a value that is not a number is the same 422 as one
 * out of range (a typed parameter would be a 400 from the framework).
 */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    /**
     * {@code value} as a whole number from {@code min} to {@code max}, {@code fallback} when it is absent or empty.
     *
     * @throws InvalidInputException naming {@code name} and the range otherwise
     */
    public static int between(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        String problem = "must be a whole number from " + min + " to " + max;
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the range
        }
        throw new InvalidInputException(name + " " + problem, Map.of(name, List.of(problem)));
    }
}
