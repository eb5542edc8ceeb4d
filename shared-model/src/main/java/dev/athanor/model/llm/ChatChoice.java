package dev.athanor.model.llm;

import io.micronaut.json.tree.JsonNode;

import java.util.List;

/**
 * One generated answer.
 *
 * @param content      the assistant's text (empty when it only called tools)
 * @param toolCalls    the calls it asked for, in order; empty for none
 * @param finishReason OpenAI vocabulary: stop, length, content_filter, tool_calls
 * @param logprobs     the vendor's token log probabilities in OpenAI's shape, or null
 */
public record ChatChoice(int index, String content, List<ToolCall> toolCalls, String finishReason,
                         JsonNode logprobs) {

    public ChatChoice {
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        finishReason = finishReason == null ? (toolCalls.isEmpty() ? "stop" : "tool_calls") : finishReason;
    }
}
