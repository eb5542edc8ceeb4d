package dev.athanor.llm.openai;

import dev.athanor.llm.http.Json;
import dev.athanor.model.llm.ChatChoice;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The port's chat request in Chat Completions' own shape, and the answer back. Everything the caller set goes as is,
 * fields the gateway does not know included; nothing the caller left out is sent, so the upstream's defaults apply.
 */
final class OpenAiMapping {

    private OpenAiMapping() {
    }

    static JsonNode body(ChatRequest request, boolean stream) {
        ChatOptions options = request.options();
        Map<String, Object> body = new LinkedHashMap<>();
        // unknown fields first, so that a known field of the same name wins
        body.putAll(options.passthrough());
        body.put("model", request.model());
        body.put("messages", messages(request.messages()));
        body.put("temperature", request.temperature());
        body.put("top_p", request.topP());
        // not in OpenAI's API; vLLM, LlamaStack, LiteLLM and Ollama's /v1 take it as an extra field
        body.put("top_k", request.topK());
        // OpenAI's reasoning models refuse max_tokens: the limit goes under the name the caller used
        body.put(options.maxCompletionTokens() ? "max_completion_tokens" : "max_tokens", request.maxTokens());
        body.put("stop", request.stop().isEmpty() ? null : request.stop());
        body.put("tools", request.tools().isEmpty() ? null : tools(request.tools()));
        body.put("tool_choice", toolChoice(request.toolChoice()));
        body.put("parallel_tool_calls", options.parallelToolCalls());
        body.put("response_format", responseFormat(request.responseFormat()));
        body.put("n", options.n());
        body.put("seed", options.seed());
        body.put("user", options.user());
        body.put("presence_penalty", options.presencePenalty());
        body.put("frequency_penalty", options.frequencyPenalty());
        body.put("logit_bias", options.logitBias());
        body.put("logprobs", options.logprobs());
        body.put("top_logprobs", options.topLogprobs());
        body.put("reasoning_effort", options.reasoningEffort());
        body.put("metadata", options.metadata().isEmpty() ? null : options.metadata());
        body.put("stream", stream ? Boolean.TRUE : null);
        // without it the stream carries no token counts and the call cannot be metered
        body.put("stream_options", stream ? Json.object("include_usage", true) : null);
        return Json.node(body);
    }

    private static List<Object> messages(List<ChatMessage> messages) {
        List<Object> out = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            Object content = message.parts().isEmpty() ? message.content() : parts(message.parts());
            if (!message.toolCalls().isEmpty() && message.content().isEmpty() && message.parts().isEmpty()) {
                content = null; // an assistant turn that only called tools has no content
            }
            out.add(Json.object(
                    "role", message.role(),
                    "content", content,
                    "name", message.name(),
                    "tool_calls", message.toolCalls().isEmpty() ? null : calls(message.toolCalls()),
                    "tool_call_id", message.toolCallId()));
        }
        return out;
    }

    private static List<Object> parts(List<ContentPart> parts) {
        List<Object> out = new ArrayList<>(parts.size());
        for (ContentPart part : parts) {
            if (part instanceof ContentPart.Image image) {
                out.add(Json.object("type", "image_url",
                        "image_url", Json.object("url", image.url(), "detail", image.detail())));
            } else if (part instanceof ContentPart.Text text) {
                out.add(Json.object("type", "text", "text", text.text()));
            }
        }
        return out;
    }

    private static List<Object> calls(List<ToolCall> calls) {
        List<Object> out = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            out.add(Json.object("id", call.id(), "type", "function",
                    "function", Json.object("name", call.name(), "arguments", call.arguments())));
        }
        return out;
    }

    private static List<Object> tools(List<ToolDefinition> tools) {
        List<Object> out = new ArrayList<>(tools.size());
        for (ToolDefinition tool : tools) {
            out.add(Json.object("type", "function", "function", Json.object(
                    "name", tool.name(),
                    "description", tool.description(),
                    "parameters", tool.parameters(),
                    "strict", tool.strict())));
        }
        return out;
    }

    private static Object toolChoice(ToolChoice choice) {
        if (choice == null) {
            return null;
        }
        return choice.named()
                ? Json.object("type", "function", "function", Json.object("name", choice.function()))
                : choice.mode();
    }

    private static JsonNode responseFormat(ResponseFormat format) {
        if (format == null) {
            return null;
        }
        if (!format.jsonSchema()) {
            return Json.object("type", format.type());
        }
        return Json.object("type", "json_schema", "json_schema", Json.object(
                "name", format.name(),
                "description", format.description(),
                "schema", format.schema(),
                "strict", format.strict()));
    }

    /** Every choice of a whole answer, in index order. */
    static List<ChatChoice> choices(JsonNode body) {
        List<ChatChoice> choices = new ArrayList<>();
        for (JsonNode choice : Json.array(body, "choices")) {
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode call : Json.array(choice, "message", "tool_calls")) {
                calls.add(toolCall(Json.text(call, "id"), calls.size(), Json.text(call, "function", "name"),
                        Json.text(call, "function", "arguments")));
            }
            choices.add(new ChatChoice(Json.integer(choice, "index"), Json.text(choice, "message", "content"), calls,
                    Json.text(choice, "finish_reason"), Json.at(choice, "logprobs")));
        }
        choices.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return choices;
    }

    /** A call as the upstream gave it; a server that sends no id gets one made from the call's position. */
    static ToolCall toolCall(String id, int index, String name, String arguments) {
        return new ToolCall(id != null ? id : "call_" + index, name != null ? name : "", arguments);
    }

    /** Token counts, with the cached and reasoning tokens when the upstream gives them. */
    static Usage usage(JsonNode body) {
        Long cached = Json.longOrNull(body, "usage", "prompt_tokens_details", "cached_tokens");
        Long reasoning = Json.longOrNull(body, "usage", "completion_tokens_details", "reasoning_tokens");
        return new Usage(Json.integer(body, "usage", "prompt_tokens"), Json.integer(body, "usage", "completion_tokens"),
                cached == null ? null : cached.intValue(), reasoning == null ? null : reasoning.intValue());
    }
}
