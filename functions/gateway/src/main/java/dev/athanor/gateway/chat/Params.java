package dev.athanor.gateway.chat;

import dev.athanor.model.error.InvalidParameterException;
import io.micronaut.json.tree.JsonNode;

import java.util.regex.Pattern;

/**
 * Reading the fields of OpenAI requests (chat completions, embeddings): absent or null is null, a wrong type or range
 * is a 400 naming the field.
 */
public final class Params {

    /** OpenAI's rule for function and schema names. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private Params() {
    }

    public static InvalidParameterException invalid(String field, String problem) {
        return new InvalidParameterException(field, problem);
    }

    /** The body as an object, and its required {@code model}. */
    public static String model(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("body", "must be a JSON object");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isString() || model.getStringValue().isBlank()) {
            throw invalid("model", "is required and must be a non-empty string");
        }
        return model.getStringValue();
    }

    public static JsonNode present(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : node;
    }

    public static Double number(JsonNode body, String field, double min, double max) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || node.getDoubleValue() < min || node.getDoubleValue() > max) {
            throw invalid(field, "must be a number between " + fmt(min) + " and " + fmt(max));
        }
        return node.getDoubleValue();
    }

    public static Long integer(JsonNode body, String field, long min, long max, String name) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        double value = node.isNumber() ? node.getDoubleValue() : Double.NaN;
        if (!node.isNumber() || value != Math.floor(value) || value < min || value > max) {
            throw invalid(name, "must be an integer between " + min + " and " + max);
        }
        return node.getLongValue();
    }

    public static String string(JsonNode body, String field, String name) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            throw invalid(name, "must be a string");
        }
        return node.getStringValue();
    }

    public static Boolean bool(JsonNode body, String field, String name) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid(name, "must be a boolean");
        }
        return node.getBooleanValue();
    }

    public static String oneOf(JsonNode body, String field, String name, String... allowed) {
        String value = string(body, field, name);
        if (value == null) {
            return null;
        }
        for (String each : allowed) {
            if (each.equals(value)) {
                return value;
            }
        }
        throw invalid(name, "must be one of " + String.join(", ", allowed));
    }

    static String fmt(double value) {
        return value == Math.floor(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
