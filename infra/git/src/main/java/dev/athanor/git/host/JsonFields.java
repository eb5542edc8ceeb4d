package dev.athanor.git.host;

import io.micronaut.json.tree.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading the fields of a host's JSON, where anything may be absent or null. */
final class JsonFields {

    private JsonFields() {
    }

    /** The node at a path of field names, or null where any step is missing. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(name);
        }
        return current == null || current.isNull() ? null : current;
    }

    /** A string field, or null when it is absent, null, blank or not a string. */
    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value == null || !value.isString() || value.getStringValue().isBlank() ? null : value.getStringValue();
    }

    static boolean flag(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }

    /** A whole number, or -1 when absent or not a number. */
    static long number(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value == null || !value.isNumber() ? -1 : value.getLongValue();
    }

    /** An ISO-8601 time with an offset ({@code Z} on GitHub and GitLab, {@code +02:00} on Gitea), or null. */
    static Instant instant(JsonNode node, String... path) {
        String value = text(node, path);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notIso) {
            return null;
        }
    }
}
