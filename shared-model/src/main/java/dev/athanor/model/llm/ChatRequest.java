package dev.athanor.model.llm;

import java.util.List;
import java.util.Objects;

/**
 * A provider-neutral chat request. Optional sampling fields are null when the caller did not set them, so each
 * provider sends only what was asked for.
 */
public record ChatRequest(String model,
                          List<ChatMessage> messages,
                          Double temperature,
                          Double topP,
                          Integer maxTokens,
                          List<String> stop) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, null, null);
    }

    /** The same request addressed to another model id (a provider's own name for the model). */
    public ChatRequest withModel(String otherModel) {
        return new ChatRequest(otherModel, messages, temperature, topP, maxTokens, stop);
    }
}
