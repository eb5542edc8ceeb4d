package dev.athanor.llm.http;

import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-safe reading and compact building of JSON trees, so adapters map vendor bodies without DTO ceremony. */
public final class Json {

    private Json() {
    }

    /** The node at the path of object keys, or null when any step is missing. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String key : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(key);
        }
        return current == null || current.isNull() ? null : current;
    }

    /** The string at the path, or null when it is missing or not a string. */
    public static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    /** The number at the path as an int, or 0 when it is missing. */
    public static int integer(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value != null && value.isNumber() ? value.getIntValue() : 0;
    }

    /** The number at the path, or null when it is missing. */
    public static Long longOrNull(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value != null && value.isNumber() ? value.getLongValue() : null;
    }

    /** The array at the path as a list of its elements; empty when missing. */
    public static List<JsonNode> array(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        List<JsonNode> items = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.values().forEach(items::add);
        }
        return items;
    }

    public static float[] floats(JsonNode array) {
        if (array == null || !array.isArray()) {
            return new float[0];
        }
        float[] vector = new float[array.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = array.get(i).getFloatValue();
        }
        return vector;
    }

    /** An object from alternating keys and values; null values are left out, so only what was set is sent. */
    public static JsonNode object(Object... keysAndValues) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                fields.put((String) keysAndValues[i], node(value));
            }
        }
        return JsonNode.createObjectNode(fields);
    }

    /** A tree from plain Java values: strings, numbers, booleans, lists, maps and trees. */
    public static JsonNode node(Object value) {
        if (value == null) {
            return JsonNode.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String s) {
            return JsonNode.createStringNode(s);
        }
        if (value instanceof Boolean b) {
            return JsonNode.createBooleanNode(b);
        }
        if (value instanceof Number n) {
            return JsonNode.createNumberNodeImpl(n);
        }
        if (value instanceof List<?> list) {
            List<JsonNode> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(node(item)));
            return JsonNode.createArrayNode(items);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    fields.put(String.valueOf(k), node(v));
                }
            });
            return JsonNode.createObjectNode(fields);
        }
        throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
    }
}
