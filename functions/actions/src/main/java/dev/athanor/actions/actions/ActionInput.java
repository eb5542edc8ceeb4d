package dev.athanor.actions.actions;

import dev.athanor.actions.config.SurfaceModels;
import dev.athanor.core.http.RequestFields;
import io.micronaut.core.annotation.Nullable;

/**
 * Reading the text and settings fields shared by actions and templates: bounded lengths, a temperature within 0-2,
 * {@code max_tokens} from 1 to the model's limit. Every problem is collected in the fields and reported together.
 */
final class ActionInput {

    static final double DEFAULT_TEMPERATURE = 0.7;
    static final int DEFAULT_MAX_TOKENS = 1000;
    static final int MAX_NAME = 200;
    static final int MAX_TEMPLATE = 100_000;

    private ActionInput() {
    }

    /** A required or optional short text (a name, a field); blank counts as missing. */
    @Nullable
    static String name(RequestFields fields, String field, @Nullable String current) {
        if (!fields.has(field)) {
            if (current == null) {
                fields.error(field, "is required");
            }
            return current;
        }
        String value = fields.string(field);
        if (value == null || value.isBlank()) {
            fields.error(field, "must not be empty");
            return current;
        }
        if (value.strip().length() > MAX_NAME) {
            fields.error(field, "must be at most " + MAX_NAME + " characters");
        }
        return value.strip();
    }

    /** A template text: required unless there is one already, not blank, at most {@value #MAX_TEMPLATE} characters. */
    @Nullable
    static String template(RequestFields fields, String field, @Nullable String current) {
        if (!fields.has(field)) {
            if (current == null) {
                fields.error(field, "is required");
            }
            return current;
        }
        String value = fields.string(field);
        if (value == null || value.isBlank()) {
            fields.error(field, "must not be empty");
        } else if (value.length() > MAX_TEMPLATE) {
            fields.error(field, "must be at most " + MAX_TEMPLATE + " characters");
        }
        return value;
    }

    static double temperature(RequestFields fields, @Nullable Double current) {
        Double value = fields.has("temperature") ? fields.number("temperature") : null;
        if (fields.has("temperature") && value == null && fields.node("temperature") == null) {
            fields.error("temperature", "must be a number");
        }
        SurfaceModels.checkTemperature(value, "temperature", fields);
        return value != null ? value : current != null ? current : DEFAULT_TEMPERATURE;
    }

    static int maxTokens(RequestFields fields, SurfaceModels models, @Nullable String model,
                         @Nullable Integer current) {
        Integer value = fields.has("max_tokens") ? fields.integer("max_tokens") : null;
        if (fields.has("max_tokens") && value == null && fields.node("max_tokens") == null) {
            fields.error("max_tokens", "must be an integer");
        }
        int chosen = value != null ? value : current != null ? current : DEFAULT_MAX_TOKENS;
        models.checkMaxTokens(model, chosen, "max_tokens", fields);
        return chosen;
    }
}
