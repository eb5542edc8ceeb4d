package dev.athanor.core.http;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.MalformedInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a JSON object body, read as a tree so that each field is type-checked by name (a wrong type is an
 * invalid-input error naming the field, not a generic decoding error) and a field set to {@code null} stays apart
 * from one left out, which a bound map or record would merge.
 *
 * <p>A field is asked for by one name, and found under that name or its other spelling: {@code user_prompt} also
 * finds {@code userPrompt} and the other way round (the name asked for wins when a body has both). Problems are
 * reported under the name asked for, collected by the typed getters and {@link #error}, then thrown together by
 * {@link #check}.
 *
 * <p>The body is read from the request's bytes rather than bound with {@code @Body}: a bound body fails on the
 * Lambda handler when a request has none and no Content-Length, whereas here an absent or blank body is simply an
 * object without fields.
 */
public final class RequestFields {

    private final Map<String, JsonNode> fields;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private RequestFields(Map<String, JsonNode> fields) {
        this.fields = fields;
    }

    /**
     * @throws MalformedInputException when the body is not JSON
     * @throws InvalidInputException   when it is not a JSON object
     */
    public static RequestFields read(JsonMapper json, HttpRequest<?> request) {
        return parse(json, text(request));
    }

    /**
     * @throws MalformedInputException when {@code body} is not JSON
     * @throws InvalidInputException   when it is not a JSON object
     */
    public static RequestFields parse(JsonMapper json, @Nullable String body) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return new RequestFields(fields);
        }
        JsonNode node;
        try {
            node = json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new MalformedInputException("The body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("The body must be a JSON object");
        }
        node.entries().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
        return new RequestFields(fields);
    }

    /** The text {@link RequestBodyFilter} checked; the request's bytes for a route it does not check. */
    private static String text(HttpRequest<?> request) {
        Optional<String> checked = request.getAttribute(RequestBodyFilter.CHECKED_BODY, String.class);
        if (checked.isPresent()) {
            return checked.get();
        }
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return null;
        }
        try (CloseableAvailableByteBody body = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)
                .buffer().join()) {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether the field is present under either spelling (even as null). */
    public boolean has(String name) {
        return present(name) != null;
    }

    /** The field's node; null when absent or JSON null. */
    @Nullable
    public JsonNode node(String name) {
        String present = present(name);
        JsonNode node = present == null ? null : fields.get(present);
        return node == null || node.isNull() ? null : node;
    }

    @Nullable
    public String string(String name) {
        JsonNode node = node(name);
        if (node != null && !node.isString()) {
            error(name, "must be a string");
            return null;
        }
        return node == null ? null : node.getStringValue();
    }

    @Nullable
    public Double number(String name) {
        JsonNode node = node(name);
        if (node != null && !node.isNumber()) {
            error(name, "must be a number");
            return null;
        }
        return node == null ? null : node.getNumberValue().doubleValue();
    }

    /** A whole number within int's range; {@code 3.0} counts as 3, {@code 1.5} does not. */
    @Nullable
    public Integer integer(String name) {
        JsonNode node = node(name);
        if (node == null) {
            return null;
        }
        double value = node.isNumber() ? node.getNumberValue().doubleValue() : Double.NaN;
        if (!node.isNumber() || value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            error(name, "must be an integer");
            return null;
        }
        return (int) value;
    }

    @Nullable
    public Boolean bool(String name) {
        JsonNode node = node(name);
        if (node != null && !node.isBoolean()) {
            error(name, "must be a boolean");
            return null;
        }
        return node == null ? null : node.getBooleanValue();
    }

    /** A JSON object as plain Java values (maps, lists, strings, numbers, booleans, nulls). */
    @Nullable
    public Map<String, Object> object(String name) {
        JsonNode node = node(name);
        if (node != null && !node.isObject()) {
            error(name, "must be an object");
            return null;
        }
        if (node == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) plain(node);
        return value;
    }

    /**
     * Every field under the name it was sent with, as plain Java values; a field sent as {@code null} is present
     * with a null value. For callers that apply a whole object of changes and check each value themselves.
     */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((name, node) -> values.put(name, plain(node)));
        return Collections.unmodifiableMap(values);
    }

    /** Records a problem with {@code field}, reported by the next {@link #check}. */
    public void error(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /**
     * @throws InvalidInputException "Invalid {@code what}: " followed by every problem found so far, when there is
     *                               one, with the problems by field
     */
    public void check(String what) {
        report("Invalid " + what + ": ");
    }

    /** @throws InvalidInputException listing every problem found so far ("field message; ..."), when there is one */
    public void check() {
        report(null);
    }

    private void report(@Nullable String prefix) {
        if (errors.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> byField = new LinkedHashMap<>();
        errors.forEach((field, messages) -> {
            messages.forEach(m -> problems.add(field + " " + m));
            byField.put(field, List.copyOf(messages));
        });
        String message = String.join("; ", problems);
        throw new InvalidInputException(prefix == null ? message : prefix + message, byField);
    }

    /** A tree node as plain Java values. */
    @Nullable
    public static Object plain(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        if (node.isNumber()) {
            return node.getNumberValue();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.values().forEach(value -> values.add(plain(value)));
            return values;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        node.entries().forEach(entry -> values.put(entry.getKey(), plain(entry.getValue())));
        return values;
    }

    /** {@code user_prompt} for {@code userPrompt} and the other way round; the name itself when it has one word. */
    static String otherSpelling(String name) {
        StringBuilder other = new StringBuilder(name.length() + 4);
        if (name.indexOf('_') >= 0) {
            boolean upper = false;
            for (char c : name.toCharArray()) {
                if (c == '_') {
                    upper = other.length() > 0;
                } else {
                    other.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
        } else {
            for (char c : name.toCharArray()) {
                if (Character.isUpperCase(c) && other.length() > 0) {
                    other.append('_');
                }
                other.append(Character.toLowerCase(c));
            }
        }
        return other.toString();
    }

    /** The spelling of {@code name} the body has, the name asked for first; null when it has neither. */
    @Nullable
    private String present(String name) {
        if (fields.containsKey(name)) {
            return name;
        }
        String other = otherSpelling(name);
        return fields.containsKey(other) ? other : null;
    }
}
