package dev.athanor.llm.ollama;

import dev.athanor.llm.http.Json;
import dev.athanor.llm.mapping.Unsupported;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Translates the port's chat request into the body of Ollama's {@code POST /api/chat} and reads its answers back:
 * tools, tool turns, images, {@code format}, runner options and {@code think}. What Ollama cannot do (forcing a tool
 * call, several choices, logit bias, log probabilities, image URLs) is refused before any call.
 */
final class OllamaChatMapping {

    /** The ChatOptions settings Ollama takes; the others are refused by name. */
    private static final Set<String> SUPPORTED_OPTIONS =
            Set.of("seed", "presence_penalty", "frequency_penalty", "reasoning_effort");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final String providerId;
    private final JsonMapper json;

    OllamaChatMapping(String providerId, JsonMapper json) {
        this.providerId = providerId;
        this.json = json;
    }

    JsonNode body(ChatRequest request, boolean stream) {
        refuseWhatOllamaCannotDo(request);
        List<Object> messages = new ArrayList<>(request.messages().size());
        for (int i = 0; i < request.messages().size(); i++) {
            messages.add(message(request.messages(), i));
        }
        ChatOptions settings = request.options();
        Map<String, Object> options = new LinkedHashMap<>();
        putIfSet(options, "temperature", request.temperature());
        putIfSet(options, "top_p", request.topP());
        putIfSet(options, "top_k", request.topK());
        putIfSet(options, "num_predict", request.maxTokens());
        putIfSet(options, "stop", request.stop().isEmpty() ? null : request.stop());
        putIfSet(options, "seed", settings.seed());
        putIfSet(options, "presence_penalty", settings.presencePenalty());
        putIfSet(options, "frequency_penalty", settings.frequencyPenalty());
        // Ollama streams unless told otherwise, so the flag is always sent
        return Json.object("model", request.model(), "messages", messages, "stream", stream,
                "tools", request.offersTools() ? tools(request.tools()) : null,
                "format", format(request.responseFormat()),
                "think", think(request.model(), settings.reasoningEffort()),
                "options", options.isEmpty() ? null : options);
    }

    private void refuseWhatOllamaCannotDo(ChatRequest request) {
        ToolChoice choice = request.toolChoice();
        if (choice != null && (choice.required() || choice.named())) {
            throw LlmException.unsupported(providerId, ProviderKind.OLLAMA, "tool_choice",
                    "Ollama cannot force a tool call; use auto or none");
        }
        Unsupported.refuseOptions(providerId, ProviderKind.OLLAMA, request, SUPPORTED_OPTIONS);
        Unsupported.refuseImageUrls(providerId, ProviderKind.OLLAMA, request);
    }

    private Object message(List<ChatMessage> conversation, int index) {
        ChatMessage message = conversation.get(index);
        List<String> images = new ArrayList<>();
        for (ContentPart part : message.parts()) {
            if (part instanceof ContentPart.Image image) {
                images.add(image.base64());
            }
        }
        List<Object> calls = new ArrayList<>(message.toolCalls().size());
        for (ToolCall call : message.toolCalls()) {
            calls.add(Json.object("id", call.id(),
                    "function", Json.object("name", call.name(), "arguments", arguments(call))));
        }
        boolean tool = "tool".equals(message.role());
        return Json.object("role", message.role(), "content", message.content(),
                "images", images.isEmpty() ? null : images,
                "tool_calls", calls.isEmpty() ? null : calls,
                "tool_name", tool ? toolName(conversation, index) : null,
                "tool_call_id", tool ? message.toolCallId() : null);
    }

    /** Ollama names the function a tool turn answers; OpenAI's tool turn usually gives only the call's id. */
    private static String toolName(List<ChatMessage> conversation, int index) {
        ChatMessage message = conversation.get(index);
        if (message.name() != null) {
            return message.name();
        }
        // the latest earlier call with that id wins, as in Ollama's own OpenAI-compatible endpoint
        for (int i = index - 1; i >= 0; i--) {
            for (ToolCall call : conversation.get(i).toolCalls()) {
                if (call.id().equals(message.toolCallId())) {
                    return call.name();
                }
            }
        }
        return null;
    }

    /** Ollama carries a call's arguments as a JSON object, OpenAI as the object's text. */
    private JsonNode arguments(ToolCall call) {
        JsonNode parsed;
        try {
            parsed = json.readValue(call.arguments(), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId, "the arguments of tool call '"
                    + call.id() + "' must be a JSON object").withParam("messages");
        }
        return parsed;
    }

    private static List<Object> tools(List<ToolDefinition> tools) {
        List<Object> offered = new ArrayList<>(tools.size());
        for (ToolDefinition tool : tools) {
            offered.add(Json.object("type", "function", "function", Json.object("name", tool.name(),
                    "description", tool.description(), "parameters", tool.parameters())));
        }
        return offered;
    }

    private static Object format(ResponseFormat format) {
        if (format == null || !format.json()) {
            return null;
        }
        return format.jsonSchema() && format.schema() != null ? format.schema() : "json";
    }

    /**
     * {@code think} is true or false for most thinking models; gpt-oss ignores booleans and takes a level (low, medium
     * or high), so it gets the level, minimal being the lowest it has.
     */
    private Object think(String model, String effort) {
        if (effort == null) {
            return null;
        }
        String level = effort.toLowerCase(Locale.ROOT);
        if ("none".equals(level)) {
            return false;
        }
        if (!Set.of("minimal", "low", "medium", "high").contains(level)) {
            throw LlmException.unsupported(providerId, ProviderKind.OLLAMA, "reasoning_effort",
                    "Ollama takes minimal, low, medium, high or none");
        }
        String name = model.toLowerCase(Locale.ROOT);
        if (!name.substring(name.lastIndexOf('/') + 1).startsWith("gpt-oss")) {
            return true;
        }
        return "minimal".equals(level) ? "low" : level;
    }

    /**
     * The calls in an answer's {@code message.tool_calls}. Ollama sends each call whole, its arguments an object; newer
     * versions give it an id, older ones none, so one is made up in the same shape.
     */
    List<ToolCall> toolCalls(JsonNode body) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : Json.array(body, "message", "tool_calls")) {
            String id = Json.text(call, "id");
            JsonNode arguments = Json.at(call, "function", "arguments");
            calls.add(new ToolCall(id == null || id.isBlank() ? generatedId() : id,
                    Json.text(call, "function", "name"), arguments == null ? "{}" : compact(arguments)));
        }
        return calls;
    }

    private String compact(JsonNode arguments) {
        if (arguments.isString()) {
            // some model templates yield the arguments as text already
            return arguments.getStringValue();
        }
        try {
            return json.writeValueAsString(arguments);
        } catch (IOException e) {
            throw new LlmException(LlmErrorKind.UNAVAILABLE, providerId,
                    providerId + ": unreadable tool call arguments");
        }
    }

    private static String generatedId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < 8; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** Ollama's done_reason is stop even when the answer called tools; OpenAI says tool_calls then. */
    static String finishReason(JsonNode last, boolean calledTools) {
        if ("length".equals(Json.text(last, "done_reason"))) {
            return "length";
        }
        return calledTools ? "tool_calls" : "stop";
    }

    static Usage usage(JsonNode body) {
        return new Usage(Json.integer(body, "prompt_eval_count"), Json.integer(body, "eval_count"));
    }

    private static void putIfSet(Map<String, Object> options, String name, Object value) {
        if (value != null) {
            options.put(name, value);
        }
    }
}
