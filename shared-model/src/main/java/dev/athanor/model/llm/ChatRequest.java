package dev.athanor.model.llm;

import java.util.List;
import java.util.Objects;

/**
 * A provider-neutral chat request. Optional sampling fields are null when the caller did not set them, so each
 * provider sends only what was asked for. {@code topK} (sample from the k likeliest tokens) is passed in the form
 * each vendor takes, and left out for vendors and models that have no such setting.
 *
 * @param tools          the functions the model may call; empty for none
 * @param toolChoice     whether and which tool it must call; null for the vendor's default (auto when tools are given)
 * @param responseFormat the answer's shape; null for text
 * @param options        the less common settings ({@link ChatOptions})
 */
public record ChatRequest(String model,
                          List<ChatMessage> messages,
                          Double temperature,
                          Double topP,
                          Integer maxTokens,
                          List<String> stop,
                          Integer topK,
                          List<ToolDefinition> tools,
                          ToolChoice toolChoice,
                          ResponseFormat responseFormat,
                          ChatOptions options) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
        options = options == null ? ChatOptions.NONE : options;
    }

    /** A text request, as most callers make it. */
    public ChatRequest(String model, List<ChatMessage> messages, Double temperature, Double topP, Integer maxTokens,
                       List<String> stop, Integer topK) {
        this(model, messages, temperature, topP, maxTokens, stop, topK, null, null, null, null);
    }

    /** A text request without top-k. */
    public ChatRequest(String model, List<ChatMessage> messages, Double temperature, Double topP, Integer maxTokens,
                       List<String> stop) {
        this(model, messages, temperature, topP, maxTokens, stop, null);
    }

    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, null, null, null);
    }

    /** The same request addressed to another model id (a provider's own name for the model). */
    public ChatRequest withModel(String otherModel) {
        return new ChatRequest(otherModel, messages, temperature, topP, maxTokens, stop, topK, tools, toolChoice,
                responseFormat, options);
    }

    /** The same request sampling from the {@code k} likeliest tokens (null: the model's default). */
    public ChatRequest withTopK(Integer k) {
        return new ChatRequest(model, messages, temperature, topP, maxTokens, stop, k, tools, toolChoice,
                responseFormat, options);
    }

    /** The same request offering these tools, with this choice among them. */
    public ChatRequest withTools(List<ToolDefinition> offered, ToolChoice choice) {
        return new ChatRequest(model, messages, temperature, topP, maxTokens, stop, topK, offered, choice,
                responseFormat, options);
    }

    /** The same request asking for this answer shape. */
    public ChatRequest withResponseFormat(ResponseFormat format) {
        return new ChatRequest(model, messages, temperature, topP, maxTokens, stop, topK, tools, toolChoice, format,
                options);
    }

    /** The same request with these settings. */
    public ChatRequest withOptions(ChatOptions other) {
        return new ChatRequest(model, messages, temperature, topP, maxTokens, stop, topK, tools, toolChoice,
                responseFormat, other);
    }

    /** Whether the model is offered tools it may call (tools given, and tool_choice is not none). */
    public boolean offersTools() {
        return !tools.isEmpty() && (toolChoice == null || !toolChoice.none());
    }

    /** Whether any turn carries an image. */
    public boolean hasImages() {
        return messages.stream().anyMatch(ChatMessage::hasImages);
    }

    /** Whether any turn made or answered a tool call. */
    public boolean hasToolTurns() {
        return messages.stream().anyMatch(m -> !m.toolCalls().isEmpty() || m.toolCallId() != null);
    }
}
