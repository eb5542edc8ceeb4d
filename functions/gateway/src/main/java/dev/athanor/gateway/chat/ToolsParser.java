package dev.athanor.gateway.chat;

import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.athanor.gateway.chat.Params.invalid;
import static dev.athanor.gateway.chat.Params.present;

/**
 * Reads {@code tools}, {@code tool_choice} and {@code response_format}. Schemas are checked for the shape of a JSON
 * Schema (an object schema at the top; known keywords with values of the right kind), so a mistake is a 400 here
 * rather than an upstream's error or a silent misreading.
 */
final class ToolsParser {

    static final int MAX_TOOLS = 128;
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean",
            "null");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "$defs", "definitions", "patternProperties");
    private static final Set<String> SCHEMA_LISTS = Set.of("anyOf", "oneOf", "allOf", "prefixItems");
    private static final int MAX_DEPTH = 64;

    private ToolsParser() {
    }

    static List<ToolDefinition> tools(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_TOOLS) {
            throw invalid("tools", "must be an array of at most " + MAX_TOOLS + " function tools");
        }
        List<ToolDefinition> tools = new ArrayList<>(node.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode tool = node.get(i);
            if (!tool.isObject() || !"function".equals(Params.string(tool, "type", at + ".type"))) {
                throw invalid(at + ".type", "must be function (the only kind of tool chat completions take)");
            }
            JsonNode function = present(tool, "function");
            if (function == null || !function.isObject()) {
                throw invalid(at + ".function", "is required and must be an object");
            }
            String name = Params.string(function, "name", at + ".function.name");
            if (name == null || !Params.NAME.matcher(name).matches()) {
                throw invalid(at + ".function.name", "must be 1 to 64 letters, digits, underscores or dashes");
            }
            if (!names.add(name)) {
                throw invalid(at + ".function.name", "repeats the name of another tool");
            }
            JsonNode parameters = present(function, "parameters");
            if (parameters != null) {
                objectSchema(parameters, at + ".function.parameters");
            }
            tools.add(new ToolDefinition(name, Params.string(function, "description", at + ".function.description"),
                    parameters, Params.bool(function, "strict", at + ".function.strict")));
        }
        return tools;
    }

    static ToolChoice toolChoice(JsonNode node, List<ToolDefinition> tools) {
        if (node == null) {
            return null;
        }
        ToolChoice choice;
        if (node.isString()) {
            choice = switch (node.getStringValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw invalid("tool_choice", "must be none, auto, required or a named function");
            };
        } else if (node.isObject() && "function".equals(Params.string(node, "type", "tool_choice.type"))
                && present(node, "function") != null) {
            String name = Params.string(present(node, "function"), "name", "tool_choice.function.name");
            if (name == null || tools.stream().noneMatch(tool -> tool.name().equals(name))) {
                throw invalid("tool_choice.function.name", "must name one of the tools");
            }
            choice = ToolChoice.function(name);
        } else {
            throw invalid("tool_choice", "must be none, auto, required or {\"type\":\"function\",\"function\":"
                    + "{\"name\":...}}");
        }
        if (tools.isEmpty() && !choice.none()) {
            throw invalid("tool_choice", "is only allowed when tools are specified");
        }
        return choice;
    }

    static ResponseFormat responseFormat(JsonNode node) {
        if (node == null) {
            return null;
        }
        String type = node.isObject() ? Params.string(node, "type", "response_format.type") : null;
        if ("text".equals(type)) {
            return null;
        }
        if ("json_object".equals(type)) {
            return ResponseFormat.JSON_OBJECT;
        }
        if (!"json_schema".equals(type)) {
            throw invalid("response_format.type", "must be text, json_object or json_schema");
        }
        JsonNode format = present(node, "json_schema");
        if (format == null || !format.isObject()) {
            throw invalid("response_format.json_schema", "is required with type json_schema");
        }
        String name = Params.string(format, "name", "response_format.json_schema.name");
        if (name == null || !Params.NAME.matcher(name).matches()) {
            throw invalid("response_format.json_schema.name", "must be 1 to 64 letters, digits, underscores or dashes");
        }
        JsonNode schema = present(format, "schema");
        if (schema != null) {
            schema(schema, "response_format.json_schema.schema", 0);
        }
        return new ResponseFormat("json_schema", name,
                Params.string(format, "description", "response_format.json_schema.description"),
                schema == null ? JsonNode.createObjectNode(Map.of("type", JsonNode.createStringNode("object")))
                        : schema,
                Params.bool(format, "strict", "response_format.json_schema.strict"));
    }

    /** A function's parameters: a JSON Schema whose top is an object schema. */
    private static void objectSchema(JsonNode schema, String field) {
        schema(schema, field, 0);
        JsonNode type = schema.get("type");
        if (type != null && !(type.isString() && "object".equals(type.getStringValue()))) {
            throw invalid(field + ".type", "must be object: a function takes its arguments as one JSON object");
        }
    }

    private static void schema(JsonNode schema, String field, int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid(field, "nests schemas deeper than " + MAX_DEPTH);
        }
        if (schema.isBoolean() && depth > 0) {
            return; // true and false are schemas too, inside another
        }
        if (!schema.isObject()) {
            throw invalid(field, "must be a JSON Schema object");
        }
        JsonNode type = schema.get("type");
        if (type != null && !validType(type)) {
            throw invalid(field + ".type", "must be a JSON Schema type name or a list of them");
        }
        for (String keyword : SCHEMA_MAPS) {
            JsonNode map = schema.get(keyword);
            if (map == null) {
                continue;
            }
            if (!map.isObject()) {
                throw invalid(field + "." + keyword, "must be an object of schemas");
            }
            for (Map.Entry<String, JsonNode> entry : map.entries()) {
                schema(entry.getValue(), field + "." + keyword + "." + entry.getKey(), depth + 1);
            }
        }
        for (String keyword : SCHEMA_LISTS) {
            JsonNode list = schema.get(keyword);
            if (list == null) {
                continue;
            }
            if (!list.isArray() || list.size() == 0) {
                throw invalid(field + "." + keyword, "must be a non-empty array of schemas");
            }
            for (int i = 0; i < list.size(); i++) {
                schema(list.get(i), field + "." + keyword + "[" + i + "]", depth + 1);
            }
        }
        for (String keyword : List.of("items", "additionalProperties", "not")) {
            JsonNode child = schema.get(keyword);
            if (child != null && !child.isBoolean()) {
                schema(child, field + "." + keyword, depth + 1);
            }
        }
        JsonNode required = schema.get("required");
        if (required != null && (!required.isArray() || !allStrings(required))) {
            throw invalid(field + ".required", "must be an array of property names");
        }
        JsonNode options = schema.get("enum");
        if (options != null && (!options.isArray() || options.size() == 0)) {
            throw invalid(field + ".enum", "must be a non-empty array");
        }
    }

    private static boolean validType(JsonNode type) {
        if (type.isString()) {
            return TYPES.contains(type.getStringValue());
        }
        if (!type.isArray() || type.size() == 0) {
            return false;
        }
        for (JsonNode each : type.values()) {
            if (!each.isString() || !TYPES.contains(each.getStringValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode each : array.values()) {
            if (!each.isString()) {
                return false;
            }
        }
        return true;
    }
}
