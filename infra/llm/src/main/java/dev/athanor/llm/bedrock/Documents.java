package dev.athanor.llm.bedrock;

import io.micronaut.json.tree.JsonNode;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON trees to the SDK's Documents and back: Converse carries tool schemas and tool inputs as Documents, the port
 * as JSON. Numbers keep their exact text both ways, so a schema or an argument reaches the other side unchanged.
 */
final class Documents {

    private Documents() {
    }

    static Document of(JsonNode node) {
        if (node == null || node.isNull()) {
            return Document.fromNull();
        }
        if (node.isObject()) {
            Map<String, Document> fields = new LinkedHashMap<>();
            node.entries().forEach(entry -> fields.put(entry.getKey(), of(entry.getValue())));
            return Document.fromMap(fields);
        }
        if (node.isArray()) {
            List<Document> items = new ArrayList<>();
            node.values().forEach(item -> items.add(of(item)));
            return Document.fromList(items);
        }
        if (node.isString()) {
            return Document.fromString(node.getStringValue());
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.getBooleanValue());
        }
        return Document.fromNumber(SdkNumber.fromString(node.getNumberValue().toString()));
    }

    static JsonNode json(Document document) {
        if (document == null || document.isNull()) {
            return JsonNode.nullNode();
        }
        if (document.isMap()) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            document.asMap().forEach((key, value) -> fields.put(key, json(value)));
            return JsonNode.createObjectNode(fields);
        }
        if (document.isList()) {
            List<JsonNode> items = new ArrayList<>();
            document.asList().forEach(item -> items.add(json(item)));
            return JsonNode.createArrayNode(items);
        }
        if (document.isString()) {
            return JsonNode.createStringNode(document.asString());
        }
        if (document.isBoolean()) {
            return JsonNode.createBooleanNode(document.asBoolean());
        }
        return JsonNode.createNumberNode(new BigDecimal(document.asNumber().stringValue()));
    }
}
