package dev.athanor.promptlab.git;

import dev.athanor.model.promptlab.PromptSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/** A prompt in the {@code /prompt/...} API's camelCase fields, nulls included. */
final class PromptConfigs {

    private PromptConfigs() {
    }

    static Map<String, Object> camelCase(PromptSettings prompt) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("userPrompt", prompt.userPrompt());
        config.put("systemPrompt", prompt.systemPrompt());
        config.put("messages", prompt.messages());
        config.put("temperature", prompt.temperature());
        config.put("maxLen", prompt.maxLen());
        config.put("topP", prompt.topP());
        config.put("topK", prompt.topK());
        config.put("variables", prompt.variables());
        return config;
    }
}
