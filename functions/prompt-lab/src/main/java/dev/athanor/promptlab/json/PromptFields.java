package dev.athanor.promptlab.json;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.promptlab.PromptSettings;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a prompt (user and system prompt or a conversation, variables, sampling parameters) from a request, in
 * the seed clients' camelCase ({@code userPrompt}, {@code maxLen}) or snake_case ({@code user_prompt},
 * {@code max_len}), and checks the ranges: temperature 0-2, top_p 0-1, max_len at least 1, top_k at least 0, and
 * each message a {@code system}, {@code user} or {@code assistant} role with text content.
 */
public final class PromptFields {

    public static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private PromptFields() {
    }

    /** The prompt in {@code fields}; problems are recorded on {@code fields} (see {@link RequestFields#check}). */
    public static PromptSettings read(RequestFields fields) {
        String userPrompt = fields.string("userPrompt");
        String systemPrompt = fields.string("systemPrompt");
        List<PromptSettings.Message> messages = messages(fields);
        var variables = fields.object("variables");
        Double temperature = fields.number("temperature");
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            fields.error("temperature", "must be between 0 and 2");
        }
        Integer maxLen = fields.integer("maxLen");
        if (maxLen != null && maxLen < 1) {
            fields.error("maxLen", "must be at least 1");
        }
        Double topP = fields.number("topP");
        if (topP != null && (topP < 0 || topP > 1)) {
            fields.error("topP", "must be between 0 and 1");
        }
        Integer topK = fields.integer("topK");
        if (topK != null && topK < 0) {
            fields.error("topK", "must be at least 0");
        }
        return new PromptSettings(userPrompt, systemPrompt, messages, variables, temperature, maxLen, topP, topK);
    }

    private static List<PromptSettings.Message> messages(RequestFields fields) {
        JsonNode node = fields.node("messages");
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            fields.error("messages", "must be a list of {role, content} objects");
            return null;
        }
        List<PromptSettings.Message> messages = new ArrayList<>();
        int index = 0;
        for (JsonNode message : node.values()) {
            String field = "messages[" + index++ + "]";
            JsonNode role = message.isObject() ? message.get("role") : null;
            JsonNode content = message.isObject() ? message.get("content") : null;
            if (role == null || !role.isString() || !ROLES.contains(role.getStringValue())) {
                fields.error(field, "role must be one of system, user, assistant");
            } else if (content == null || !content.isString()) {
                fields.error(field, "content must be a string");
            } else {
                messages.add(new PromptSettings.Message(role.getStringValue(), content.getStringValue()));
            }
        }
        return messages;
    }
}
