package dev.athanor.orchestrator.projects;

import dev.athanor.core.http.RequestFields;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One object of a configuration as sent, read key by key: a key is found under its snake_case name or its camelCase
 * spelling, a key left out keeps the current value, and a problem is recorded in the request's fields under the
 * key's path so that every problem of a body is reported together. On a problem the current value is returned; the
 * caller's check then refuses the whole body.
 */
final class ConfigPart {

    static final int MAX_TEXT = 100;
    static final int MAX_TARGETS = 20;

    private final Map<String, Object> values;
    private final String path;
    private final RequestFields fields;

    ConfigPart(Map<String, Object> values, String path, RequestFields fields) {
        this.values = values;
        this.path = path;
        this.fields = fields;
    }

    /** Reports every key that is not one of {@code known} (snake_case names) in either spelling. */
    void rejectUnknown(Set<String> known) {
        values.keySet().stream()
                .filter(key -> !known.contains(key) && known.stream().noneMatch(name -> camel(name).equals(key)))
                .forEach(key -> fields.error(path + key, "is not a configuration setting"));
    }

    /** The nested object under {@code key}, its unknown keys reported; empty when left out or not an object. */
    Optional<ConfigPart> part(String key, Set<String> known) {
        if (!has(key)) {
            return Optional.empty();
        }
        if (!(value(key) instanceof Map<?, ?> map)) {
            fields.error(path + key, "must be an object");
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        ConfigPart part = new ConfigPart((Map<String, Object>) map, path + key + ".", fields);
        part.rejectUnknown(known);
        return Optional.of(part);
    }

    /** A non-empty text of at most {@value #MAX_TEXT} characters, without surrounding blanks. */
    String text(String key, String current) {
        if (!has(key)) {
            return current;
        }
        if (!(value(key) instanceof String text)) {
            fields.error(path + key, "must be a string");
            return current;
        }
        return checkedText(path + key, text) ? text.strip() : current;
    }

    /** A list of up to {@value #MAX_TARGETS} texts, each as {@link #text} requires. */
    List<String> texts(String key, List<String> current) {
        if (!has(key)) {
            return current;
        }
        if (!(value(key) instanceof List<?> list)) {
            fields.error(path + key, "must be an array of strings");
            return current;
        }
        if (list.size() > MAX_TARGETS) {
            fields.error(path + key, "must have at most " + MAX_TARGETS + " entries");
            return current;
        }
        List<String> texts = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof String text)) {
                fields.error(path + key, "must be an array of strings");
                return current;
            }
            if (!checkedText(path + key, text)) {
                return current;
            }
            texts.add(text.strip());
        }
        return texts;
    }

    /** A whole number within {@code min}..{@code max}; {@code 30.0} counts as 30. */
    int integer(String key, int current, int min, int max) {
        if (!has(key)) {
            return current;
        }
        Object value = value(key);
        double number = value instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!(value instanceof Number) || number != Math.rint(number)) {
            fields.error(path + key, "must be an integer");
            return current;
        }
        if (number < min || number > max) {
            fields.error(path + key, max != Integer.MAX_VALUE ? "must be between " + min + " and " + max
                    : number < min ? "must be at least " + min : "must be at most " + max);
            return current;
        }
        return (int) number;
    }

    boolean bool(String key, boolean current) {
        if (!has(key)) {
            return current;
        }
        if (!(value(key) instanceof Boolean flag)) {
            fields.error(path + key, "must be a boolean");
            return current;
        }
        return flag;
    }

    /** Any JSON object, replacing the current one whole; null clears it. */
    @Nullable
    Map<String, Object> object(String key, @Nullable Map<String, Object> current) {
        if (!has(key)) {
            return current;
        }
        Object value = value(key);
        if (value != null && !(value instanceof Map<?, ?>)) {
            fields.error(path + key, "must be an object or null");
            return current;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    private boolean checkedText(String name, String text) {
        if (text.isBlank()) {
            fields.error(name, "must not be empty");
            return false;
        }
        if (text.strip().length() > MAX_TEXT) {
            fields.error(name, "must be at most " + MAX_TEXT + " characters");
            return false;
        }
        return true;
    }

    private boolean has(String key) {
        return values.containsKey(key) || values.containsKey(camel(key));
    }

    /** The value under the snake_case name, else under its camelCase spelling (null when sent as null). */
    private Object value(String key) {
        return values.containsKey(key) ? values.get(key) : values.get(camel(key));
    }

    /** {@code max_minutes} -> {@code maxMinutes}. */
    static String camel(String snake) {
        StringBuilder camel = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
