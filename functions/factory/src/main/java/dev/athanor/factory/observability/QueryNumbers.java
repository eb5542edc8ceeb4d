package dev.athanor.factory.observability;

import dev.athanor.model.error.InvalidInputException;

import java.util.List;
import java.util.Map;

/**
 * Whole-number query parameters with a range. Read as text, so a value that is not a number is the same 422 as one
 * out of range (a typed parameter would be a 400 from the framework).
 */
final class QueryNumbers {

    private QueryNumbers() {
    }

    static int between(String name, String value, int fallback, int min, int max) {
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
