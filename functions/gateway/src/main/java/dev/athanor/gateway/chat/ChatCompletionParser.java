package dev.athanor.gateway.chat;

import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.athanor.gateway.chat.Params.invalid;
import static dev.athanor.gateway.chat.Params.present;

/**
 * Reads an OpenAI chat completion request, the whole documented contract: messages with content parts, tool calls
 * and tool answers ({@link ChatMessagesParser}); tools, tool choice and response format ({@link ToolsParser}); and
 * every sampling and output setting. A known field of the wrong type or out of range is a 400 naming it, as OpenAI
 * answers. Fields the gateway does not know are kept as they came, for OpenAI-compatible upstreams.
 */
@Singleton
public class ChatCompletionParser {

    /** The most choices one request may ask for. */
    static final int MAX_CHOICES = 16;
    private static final Set<String> KNOWN = Set.of("model", "messages", "temperature", "top_p", "top_k",
            "max_tokens", "max_completion_tokens", "stop", "stream", "stream_options", "tools", "tool_choice",
            "parallel_tool_calls", "response_format", "n", "seed", "user", "presence_penalty", "frequency_penalty",
            "logit_bias", "logprobs", "top_logprobs", "reasoning_effort", "metadata");

    /** A parsed request and how to answer it. */
    public record ParsedRequest(ChatRequest request, boolean stream, boolean includeUsage) {
    }

    public ParsedRequest parse(JsonNode body) {
        String model = Params.model(body);
        boolean stream = Boolean.TRUE.equals(Params.bool(body, "stream", "stream"));
        JsonNode streamOptions = present(body, "stream_options");
        if (streamOptions != null && !streamOptions.isObject()) {
            throw invalid("stream_options", "must be an object");
        }
        boolean includeUsage = streamOptions != null
                && Boolean.TRUE.equals(Params.bool(streamOptions, "include_usage", "stream_options.include_usage"));
        List<ToolDefinition> tools = ToolsParser.tools(present(body, "tools"));
        ToolChoice toolChoice = ToolsParser.toolChoice(present(body, "tool_choice"), tools);
        ResponseFormat format = ToolsParser.responseFormat(present(body, "response_format"));
        MaxTokens max = maxTokens(body);
        ChatOptions options = options(body, stream, max.completionTokens());
        Long topK = Params.integer(body, "top_k", 1, Integer.MAX_VALUE, "top_k");
        ChatRequest request = new ChatRequest(model, ChatMessagesParser.messages(body.get("messages")),
                Params.number(body, "temperature", 0, 2), Params.number(body, "top_p", 0, 1), max.value(),
                stop(present(body, "stop")), topK == null ? null : topK.intValue(), tools, toolChoice, format,
                options);
        return new ParsedRequest(request, stream, includeUsage);
    }

    private static ChatOptions options(JsonNode body, boolean stream, boolean completionTokens) {
        Long n = Params.integer(body, "n", 1, MAX_CHOICES, "n");
        if (stream && n != null && n > 1) {
            throw invalid("n", "above 1 is not supported with stream: true on this gateway; ask without streaming");
        }
        Boolean logprobs = Params.bool(body, "logprobs", "logprobs");
        Long topLogprobs = Params.integer(body, "top_logprobs", 0, 20, "top_logprobs");
        if (topLogprobs != null && !Boolean.TRUE.equals(logprobs)) {
            throw invalid("top_logprobs", "needs logprobs: true");
        }
        if (stream && Boolean.TRUE.equals(logprobs)) {
            throw invalid("logprobs", "is not supported with stream: true on this gateway; ask without streaming");
        }
        Map<String, JsonNode> unknown = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.entries()) {
            if (!KNOWN.contains(field.getKey())) {
                unknown.put(field.getKey(), field.getValue());
            }
        }
        return new ChatOptions(Params.bool(body, "parallel_tool_calls", "parallel_tool_calls"),
                n == null ? null : n.intValue(),
                Params.integer(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE, "seed"),
                Params.string(body, "user", "user"),
                Params.number(body, "presence_penalty", -2, 2),
                Params.number(body, "frequency_penalty", -2, 2),
                logitBias(present(body, "logit_bias")),
                logprobs,
                topLogprobs == null ? null : topLogprobs.intValue(),
                Params.oneOf(body, "reasoning_effort", "reasoning_effort", "minimal", "low", "medium", "high"),
                metadata(present(body, "metadata")),
                completionTokens,
                unknown);
    }

    private static JsonNode logitBias(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid("logit_bias", "must be an object of token ids to numbers between -100 and 100");
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            JsonNode bias = entry.getValue();
            if (!entry.getKey().matches("\\d{1,10}") || !bias.isNumber() || bias.getDoubleValue() < -100
                    || bias.getDoubleValue() > 100) {
                throw invalid("logit_bias", "must be an object of token ids to numbers between -100 and 100");
            }
        }
        return node;
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isObject() || node.size() > 16) {
            throw invalid("metadata", "must be an object of at most 16 string values");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            if (entry.getKey().length() > 64 || !entry.getValue().isString()
                    || entry.getValue().getStringValue().length() > 512) {
                throw invalid("metadata", "keys are at most 64 characters and values strings of at most 512");
            }
            metadata.put(entry.getKey(), entry.getValue().getStringValue());
        }
        return metadata;
    }

    /** The completion's token limit, and whether the caller named it max_completion_tokens. */
    private record MaxTokens(Integer value, boolean completionTokens) {
    }

    private static MaxTokens maxTokens(JsonNode body) {
        Long completion = Params.integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE, "max_completion_tokens");
        if (completion != null) {
            return new MaxTokens(completion.intValue(), true);
        }
        Long tokens = Params.integer(body, "max_tokens", 1, Integer.MAX_VALUE, "max_tokens");
        return new MaxTokens(tokens == null ? null : tokens.intValue(), false);
    }

    private static List<String> stop(JsonNode node) {
        if (node == null) {
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
}
