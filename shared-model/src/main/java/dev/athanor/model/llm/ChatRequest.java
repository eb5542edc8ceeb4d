package dev.athanor.model.llm;

import java.util.List;
import java.util.Objects;

/**
 * A provider-neutral chat request. Optional sampling fields are null when the caller did not set them, so each
 * provider sends only what was asked for. {@code topK} (sample from the k likeliest tokens) is passed in the form
 * each vendor takes, and left out for vendors and models that have no such setting.
 */
public record ChatRequest(String model,
                          List<ChatMessage> messages,
                          Double temperature,
                          Double topP,
                          Integer maxTokens,
                          List<String> stop,
                          Integer topK) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** A request without top-k, as most callers make it. */
    public ChatRequest(String model, List<ChatMessage> messages, Double temperature, Double topP, Integer maxTokens,
                       List<String> stop) {
        this(model, messages, temperature, topP, maxTokens, stop, null);
    }

    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, null, null, null);
    }

    /** The same request addressed to another model id (a provider's own name for the model). */
    public ChatRequest withModel(String otherModel) {
        return new ChatRequest(otherModel, messages, temperature, topP, maxTokens, stop, topK);
    }

    /** The same request sampling from the {@code k} likeliest tokens (null: the model's default). */
    public ChatRequest withTopK(Integer k) {
        return new ChatRequest(model, messages, temperature, topP, maxTokens, stop, k);
    }
}
