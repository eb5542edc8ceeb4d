package dev.athanor.llm.sandbox;

import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A valid instance of a JSON Schema, built deterministically: the sandbox's answer when it is asked for JSON. It
 * covers the subset a structured-output request uses ({@code type}, {@code properties}, {@code required},
 * {@code items}, {@code minItems}/{@code maxItems}, {@code enum}, {@code const}, {@code minimum}/{@code maximum},
 * {@code minLength}/{@code maxLength}), plus what JSON-schema generators write for nested and nullable types: a
 * {@code $ref} to the schema's own {@code $defs} or {@code definitions}, and {@code anyOf}/{@code oneOf}, answered
 * with their first alternative that is not {@code null}. Other composing keywords make it give up with
 * {@link Unsupported}, and so does an answer that would grow past {@value #MAX_WEIGHT} characters or references
 * nested deeper than {@value #MAX_DEPTH}.
 */
final class SchemaInstance {

    /** The schema is outside the subset, or malformed: the sandbox then answers as usual. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Set<String> COMPOSING = Set.of(
            "$dynamicRef", "allOf", "not", "if", "prefixItems", "contains");
    private static final int MAX_DEPTH = 32;
    private static final int DEFAULT_ITEMS = 3;
    // the schema comes with the request: it must not make the sandbox build an answer of unbounded size
    private static final long MAX_WEIGHT = 1 << 20;
    private static final JsonNode ANY = JsonNode.createObjectNode(Map.of());

    private final String label;
    private final JsonNode root;
    private long weight;
    private int depth;

    private SchemaInstance(String label, JsonNode root) {
        this.label = label;
        this.root = root;
    }

    /**
     * The instance of the schema whose strings read {@code "[sandbox] <name> [<n>] <label>"}.
     *
     * @param label what follows the name in every string: {@code "fnv <hash>: <words>"}
     */
    static JsonNode of(JsonNode schema, String label) {
        return new SchemaInstance(label, schema).instance(schema, "item", 0);
    }

    /** @param index the 1-based position when the value is an array item, else 0 */
    private JsonNode instance(JsonNode schema, String name, int index) {
        if (schema == null || !schema.isObject()) {
            throw new Unsupported("a schema is an object");
        }
        if (++depth > MAX_DEPTH) {
            throw new Unsupported("schemas nested deeper than " + MAX_DEPTH);
        }
        try {
            return resolved(schema, name, index);
        } finally {
            depth--;
        }
    }

    private JsonNode resolved(JsonNode schema, String name, int index) {
        JsonNode reference = schema.get("$ref");
        if (reference != null) {
            return instance(definition(reference), name, index);
        }
        for (String choice : List.of("anyOf", "oneOf")) {
            JsonNode alternatives = schema.get(choice);
            if (alternatives != null) {
                return instance(alternative(alternatives, choice), name, index);
            }
        }
        for (String keyword : COMPOSING) {
            if (schema.get(keyword) != null) {
                throw new Unsupported(keyword);
            }
        }
        spend(1);
        JsonNode constant = schema.get("const");
        if (constant != null) {
            return given(constant);
        }
        JsonNode options = schema.get("enum");
        if (options != null) {
            if (!options.isArray() || options.size() == 0) {
                throw new Unsupported("enum is a non-empty array");
            }
            return given(options.get(0));
        }
        return switch (type(schema)) {
            case "object" -> object(schema);
            case "array" -> array(schema, name);
            case "string" -> string(schema, name, index);
            case "integer" -> number(schema, true);
            case "number" -> number(schema, false);
            case "boolean" -> JsonNode.createBooleanNode(true);
            case "null" -> JsonNode.nullNode();
            default -> throw new Unsupported("type " + schema.get("type"));
        };
    }

    /** The schema a local reference ({@code #/$defs/Name}, {@code #/definitions/Name}, {@code #}) points to. */
    private JsonNode definition(JsonNode reference) {
        if (!reference.isString() || !reference.getStringValue().startsWith("#")) {
            throw new Unsupported("$ref to this schema's own definitions");
        }
        JsonNode target = root;
        String path = reference.getStringValue().substring(1);
        for (String step : path.isEmpty() ? new String[0] : path.substring(1).split("/")) {
            target = target == null || !target.isObject() ? null
                    : target.get(step.replace("~1", "/").replace("~0", "~"));
        }
        if (target == null) {
            throw new Unsupported("$ref " + reference.getStringValue() + " points nowhere");
        }
        return target;
    }

    /** The first alternative that is not just null (a nullable field's value), or null itself when all are. */
    private static JsonNode alternative(JsonNode alternatives, String keyword) {
        if (!alternatives.isArray() || alternatives.size() == 0) {
            throw new Unsupported(keyword + " is a non-empty array");
        }
        for (JsonNode each : alternatives.values()) {
            JsonNode type = each.isObject() ? each.get("type") : null;
            if (type == null || !type.isString() || !"null".equals(type.getStringValue())) {
                return each;
            }
        }
        return alternatives.get(0);
    }

    /** The type to answer with; a list of types (["string", "null"]: a nullable field) gives its first non-null. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return "string";
        }
        if (type.isString()) {
            return type.getStringValue();
        }
        if (!type.isArray() || type.size() == 0) {
            throw new Unsupported("type is a name or a non-empty list");
        }
        String chosen = "null";
        for (JsonNode each : type.values()) {
            if (!each.isString()) {
                throw new Unsupported("type is a name or a non-empty list");
            }
            if ("null".equals(chosen)) {
                chosen = each.getStringValue();
            }
        }
        return chosen;
    }

    private JsonNode object(JsonNode schema) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            if (!properties.isObject()) {
                throw new Unsupported("properties is an object");
            }
            for (Map.Entry<String, JsonNode> property : properties.entries()) {
                spend(property.getKey().length());
                fields.put(property.getKey(), instance(property.getValue(), property.getKey(), 0));
            }
        }
        // a required name that properties does not describe must still be there for the answer to be valid
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            for (JsonNode name : required.values()) {
                if (name.isString() && !fields.containsKey(name.getStringValue())) {
                    spend(name.getStringValue().length());
                    fields.put(name.getStringValue(), instance(ANY, name.getStringValue(), 0));
                }
            }
        }
        return JsonNode.createObjectNode(fields);
    }

    private JsonNode array(JsonNode schema, String name) {
        Integer minItems = count(schema, "minItems");
        Integer maxItems = count(schema, "maxItems");
        int size = minItems != null && minItems > 0 ? minItems : DEFAULT_ITEMS;
        if (maxItems != null && maxItems < size) {
            size = maxItems;
        }
        JsonNode items = schema.get("items");
        List<JsonNode> values = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            values.add(instance(items == null ? ANY : items, name, i));
        }
        return JsonNode.createArrayNode(values);
    }

    private JsonNode string(JsonNode schema, String name, int index) {
        String text = "[sandbox] " + name + (index > 0 ? " " + index : "") + " " + label;
        Integer minLength = count(schema, "minLength");
        Integer maxLength = count(schema, "maxLength");
        // lengths count code points, as JSON Schema does
        int length = text.codePointCount(0, text.length());
        if (maxLength != null && length > maxLength) {
            text = text.substring(0, text.offsetByCodePoints(0, maxLength));
        } else if (minLength != null && length < minLength) {
            spend(minLength - length);
            text = text + ".".repeat(minLength - length);
        }
        spend(text.length());
        return JsonNode.createStringNode(text);
    }

    private static JsonNode number(JsonNode schema, boolean integer) {
        BigDecimal minimum = decimal(schema, "minimum");
        BigDecimal maximum = decimal(schema, "maximum");
        BigDecimal value;
        if (minimum != null) {
            value = integer ? minimum.setScale(0, RoundingMode.CEILING) : minimum;
        } else {
            value = integer ? BigDecimal.ONE : new BigDecimal("0.5");
            if (maximum != null && value.compareTo(maximum) > 0) {
                value = integer ? maximum.setScale(0, RoundingMode.FLOOR) : maximum;
            }
        }
        return integer ? JsonNode.createNumberNode(value.toBigIntegerExact()) : JsonNode.createNumberNode(value);
    }

    private static BigDecimal decimal(JsonNode schema, String keyword) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new Unsupported(keyword + " is a number");
        }
        try {
            return new BigDecimal(value.getNumberValue().toString());
        } catch (NumberFormatException e) {
            throw new Unsupported(keyword + " is a finite number"); // 1e400 reads as an infinite double
        }
    }

    /** A non-negative count keyword, capped at Integer.MAX_VALUE; null when absent. */
    private static Integer count(JsonNode schema, String keyword) {
        BigDecimal value = decimal(schema, keyword);
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            throw new Unsupported(keyword + " is not negative");
        }
        return value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : value.intValue();
    }

    /** A value taken from the schema as it is (const, enum), weighed by its size. */
    private JsonNode given(JsonNode value) {
        spend(size(value));
        return value;
    }

    private static long size(JsonNode value) {
        if (value.isString()) {
            return value.getStringValue().length() + 2L;
        }
        long size = 2;
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> entry : value.entries()) {
                size += entry.getKey().length() + size(entry.getValue());
            }
        } else if (value.isArray()) {
            for (JsonNode item : value.values()) {
                size += size(item);
            }
        }
        return size;
    }

    private void spend(long characters) {
        weight += characters;
        if (weight > MAX_WEIGHT) {
            throw new Unsupported("the answer would be over " + MAX_WEIGHT + " characters");
        }
    }
}
