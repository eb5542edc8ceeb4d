package dev.athanor.factory.agents;

import dev.athanor.model.error.InvalidInputException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a JSON object body, read as a tree: a field set to {@code null} (reset to the default) stays apart
 * from one left out, which a bound map would merge. Strings come back as strings, nulls as null, anything else as
 * its tree node (which the rules then refuse as "not a string"). An absent or blank body has no fields: the body is
 * read from the request's bytes because a {@code @Body} parameter fails on the Lambda handler when a request has no
 * body and no Content-Length (a bare {@code POST .../test}).
 */
final class JsonFields {

    private JsonFields() {
    }

    static Map<String, Object> of(JsonMapper json, HttpRequest<?> request) {
        return of(json, text(request));
    }

    private static String text(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return null;
        }
        try (CloseableAvailableByteBody body = server.byteBody().split().buffer().join()) {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> of(JsonMapper json, String body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return fields;
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
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            JsonNode value = entry.getValue();
            fields.put(entry.getKey(), value.isNull() ? null : value.isString() ? value.getStringValue() : value);
        }
        return fields;
    }

    /** A field that, when given, must be a string; null when absent or null. */
    static String optionalString(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value != null && !(value instanceof String)) {
            throw new InvalidInputException(name + " must be a string", Map.of(name, List.of("must be a string")));
        }
        return (String) value;
    }
}
