package dev.athanor.promptlab.json;

import dev.athanor.model.error.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a JSON object body, read as a tree so that each field can be type-checked by name (a wrong type is
 * a 422 naming the field, as the seed's FastAPI validation gives, not a generic decoding error) and looked up under
 * its snake_case or camelCase spelling. Problems are collected, then reported together by {@link #check}. The body
 * is read from the request's bytes, so an absent body is simply an empty object.
 */
public final class RequestFields {

    private final Map<String, JsonNode> fields;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private RequestFields(Map<String, JsonNode> fields) {
        this.fields = fields;
    }

    /** @throws InvalidInputException when the body is not JSON or not an object */
    public static RequestFields read(JsonMapper json, HttpRequest<?> request) {
        return parse(json, text(request));
    }

    public static RequestFields parse(JsonMapper json, @Nullable String body) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return new RequestFields(fields);
        }
        JsonNode node;
        try {
            node = json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new InvalidInputException("The body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("The body must be a JSON object");
        }
        node.entries().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
        return new RequestFields(fields);
    }

    private static String text(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return null;
        }
        try (CloseableAvailableByteBody body = server.byteBody().split().buffer().join()) {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether the field is present under any of its names (even as null). */
    public boolean has(String... names) {
        return nameOf(names) != null;
    }

    /** The node under the first of {@code names} present; null when absent or JSON null. */
    @Nullable
    public JsonNode node(String... names) {
        String name = nameOf(names);
        JsonNode node = name == null ? null : fields.get(name);
        return node == null || node.isNull() ? null : node;
    }

    @Nullable
    public String string(String... names) {
        JsonNode node = node(names);
        if (node != null && !node.isString()) {
            error(names[0], "must be a string");
            return null;
        }
        return node == null ? null : node.getStringValue();
    }

    @Nullable
    public Double number(String... names) {
        JsonNode node = node(names);
        if (node != null && !node.isNumber()) {
            error(names[0], "must be a number");
            return null;
        }
        return node == null ? null : node.getNumberValue().doubleValue();
    }

    @Nullable
    public Integer integer(String... names) {
        JsonNode node = node(names);
        if (node == null) {
            return null;
        }
        double value = node.isNumber() ? node.getNumberValue().doubleValue() : Double.NaN;
        if (!node.isNumber() || value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            error(names[0], "must be an integer");
            return null;
        }
        return (int) value;
    }

    @Nullable
    public Boolean bool(String... names) {
        JsonNode node = node(names);
        if (node != null && !node.isBoolean()) {
            error(names[0], "must be a boolean");
            return null;
        }
        return node == null ? null : node.getBooleanValue();
    }

    /** A JSON object as plain Java values (maps, lists, strings, numbers, booleans, nulls). */
    @Nullable
    public Map<String, Object> object(String... names) {
        JsonNode node = node(names);
        if (node != null && !node.isObject()) {
            error(names[0], "must be an object");
            return null;
        }
        if (node == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) plain(node);
        return value;
    }

    public void error(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** @throws InvalidInputException naming every field found wrong so far, when there is one */
    public void check(String what) {
        if (errors.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        errors.forEach((field, messages) -> messages.forEach(m -> problems.add(field + " " + m)));
        throw new InvalidInputException("Invalid " + what + ": " + String.join("; ", problems), errors);
    }

    /** A tree node as plain Java values. */
    public static Object plain(JsonNode node) {
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

    /** An absolute http(s) URL with a host, at most 2048 characters. */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && value.length() <= 2048;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private String nameOf(String... names) {
        for (String name : names) {
            if (fields.containsKey(name)) {
                return name;
            }
        }
        return null;
    }
}
