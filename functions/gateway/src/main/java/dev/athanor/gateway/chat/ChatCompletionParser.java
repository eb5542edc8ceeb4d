package dev.athanor.gateway.chat;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI chat completion request. Unknown fields are ignored, as OpenAI-compatible servers do; known
 * fields of the wrong type or out of range are named in a 422. Content may be a string or an array of text parts.
 */
@Singleton
public class ChatCompletionParser {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    /** A parsed request and how to answer it. */
    public record ParsedRequest(ChatRequest request, boolean stream, boolean includeUsage) {
    }

    public ParsedRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("body", "must be a JSON object");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isString() || model.getStringValue().isBlank()) {
            throw invalid("model", "is required and must be a non-empty string");
        }
        List<ChatMessage> messages = messages(body.get("messages"));
        Double temperature = number(body, "temperature", 0, 2);
        Double topP = number(body, "top_p", 0, 1);
        Integer maxTokens = maxTokens(body);
        List<String> stop = stop(body.get("stop"));
        boolean stream = bool(body, "stream");
        JsonNode options = body.get("stream_options");
        boolean includeUsage = options != null && options.isObject() && bool(options, "include_usage");
        return new ParsedRequest(new ChatRequest(model.getStringValue(), messages, temperature, topP, maxTokens, stop),
                stream, includeUsage);
    }

    private static List<ChatMessage> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.size() == 0) {
            throw invalid("messages", "is required and must be a non-empty array");
        }
        List<ChatMessage> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode message = node.get(i);
            String field = "messages[" + i + "]";
            if (!message.isObject()) {
                throw invalid(field, "must be an object");
            }
            JsonNode role = message.get("role");
            if (role == null || !role.isString() || !ROLES.contains(role.getStringValue())) {
                throw invalid(field + ".role", "must be one of system, developer, user, assistant, tool");
            }
            String name = role.getStringValue();
            messages.add(new ChatMessage("developer".equals(name) ? "system" : name,
                    content(message.get("content"), field + ".content")));
        }
        return messages;
    }

    private static String content(JsonNode content, String field) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.getStringValue();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < content.size(); i++) {
                JsonNode part = content.get(i);
                JsonNode type = part.get("type");
                JsonNode value = part.get("text");
                if (type == null || !"text".equals(type.coerceStringValue()) || value == null || !value.isString()) {
                    throw invalid(field + "[" + i + "]", "only text parts ({\"type\":\"text\",\"text\":...}) are supported");
                }
                text.append(value.getStringValue());
            }
            return text.toString();
        }
        throw invalid(field, "must be a string or an array of text parts");
    }

    private static Double number(JsonNode body, String field, double min, double max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.getDoubleValue() < min || node.getDoubleValue() > max) {
            throw invalid(field, "must be a number between " + fmt(min) + " and " + fmt(max));
        }
        return node.getDoubleValue();
    }

    private static Integer maxTokens(JsonNode body) {
        JsonNode node = body.get("max_completion_tokens");
        String field = "max_completion_tokens";
        if (node == null || node.isNull()) {
            node = body.get("max_tokens");
            field = "max_tokens";
        }
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.getDoubleValue() != Math.floor(node.getDoubleValue()) || node.getDoubleValue() < 1
                || node.getDoubleValue() > Integer.MAX_VALUE) {
            throw invalid(field, "must be a positive integer");
        }
        return node.getIntValue();
    }

    private static List<String> stop(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isString()) {
            return List.of(node.getStringValue());
        }
        if (node.isArray() && node.size() <= 4) {
            List<String> stop = new ArrayList<>();
            for (JsonNode value : node.values()) {
                if (!value.isString()) {
                    throw invalid("stop", "must be a string or an array of up to 4 strings");
                }
                stop.add(value.getStringValue());
            }
            return stop;
        }
        throw invalid("stop", "must be a string or an array of up to 4 strings");
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(field, "must be a boolean");
        }
        return node.getBooleanValue();
    }

    private static String fmt(double value) {
        return value == Math.floor(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static InvalidInputException invalid(String field, String problem) {
        return new InvalidInputException(field + " " + problem, Map.of(field, List.of(problem)));
    }
}
