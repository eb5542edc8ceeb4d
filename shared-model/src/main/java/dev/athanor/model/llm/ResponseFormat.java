package dev.athanor.model.llm;

import io.micronaut.json.tree.JsonNode;

/**
 * What shape the answer must have: {@code text}, {@code json_object} (any JSON object) or {@code json_schema} (a JSON
 * document valid against {@code schema}, named {@code name}).
 */
public record ResponseFormat(String type, String name, String description, JsonNode schema, Boolean strict) {

    public static final ResponseFormat JSON_OBJECT = new ResponseFormat("json_object", null, null, null, null);

    public boolean jsonObject() {
        return "json_object".equals(type);
    }

    public boolean jsonSchema() {
        return "json_schema".equals(type);
    }

    /** Whether any JSON is asked for (an object or a schema's instance). */
    public boolean json() {
        return jsonObject() || jsonSchema();
    }
}
