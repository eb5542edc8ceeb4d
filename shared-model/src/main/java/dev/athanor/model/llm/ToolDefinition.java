package dev.athanor.model.llm;

import io.micronaut.json.tree.JsonNode;

import java.util.Map;
import java.util.Objects;

/**
 * A function the model may call.
 *
 * @param parameters the JSON Schema of its arguments (a schema of type object); an empty object schema when the
 *                   caller gave none
 * @param strict     OpenAI's strict mode (the model must follow the schema exactly); null when not given
 */
public record ToolDefinition(String name, String description, JsonNode parameters, Boolean strict) {

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        parameters = parameters == null || parameters.isNull()
                ? JsonNode.createObjectNode(Map.of("type", JsonNode.createStringNode("object"),
                "properties", JsonNode.createObjectNode(Map.of())))
                : parameters;
    }
}
