package dev.athanor.llm.anthropic;

import dev.athanor.llm.http.Json;
import dev.athanor.llm.http.LineStream;
import dev.athanor.llm.http.VendorHttp;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API: system prompts travel apart from the turns, and a reply is a list of content blocks. */
final class AnthropicProvider implements LlmProvider {

    private static final String DATA = "data:";
    private static final int MAX_MODEL_PAGES = 20;

    /** Anthropic's error types (as sent in a mid-stream error event) in the port's terms. */
    private static final Map<String, LlmErrorKind> ERROR_TYPES = Map.of(
            "invalid_request_error", LlmErrorKind.INVALID_REQUEST,
            "request_too_large", LlmErrorKind.INVALID_REQUEST,
            "authentication_error", LlmErrorKind.AUTHENTICATION,
            "permission_error", LlmErrorKind.AUTHENTICATION,
            "not_found_error", LlmErrorKind.NOT_FOUND,
            "rate_limit_error", LlmErrorKind.RATE_LIMITED,
            "timeout_error", LlmErrorKind.TIMEOUT,
            "api_error", LlmErrorKind.UNAVAILABLE,
            "overloaded_error", LlmErrorKind.UNAVAILABLE);

    private final String id;
    private final VendorHttp http;
    private final int defaultMaxTokens;

    AnthropicProvider(String id, VendorHttp http, int defaultMaxTokens) {
        this.id = id;
        this.http = http;
        this.defaultMaxTokens = defaultMaxTokens;
    }

    /** Anthropic's error body is {"type":"error","error":{"type","message"}}. */
    static String errorMessage(JsonNode body) {
        String message = Json.text(body, "error", "message");
        String type = Json.text(body, "error", "type");
        return message == null ? type : type == null ? message : type + ": " + message;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.ANTHROPIC;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        JsonNode body = http.post("/v1/messages", body(request, false));
        StringBuilder text = new StringBuilder();
        for (JsonNode block : Json.array(body, "content")) {
            if ("text".equals(Json.text(block, "type")) && Json.text(block, "text") != null) {
                text.append(Json.text(block, "text"));
            }
        }
        String model = Json.text(body, "model");
        return new ChatResponse(Json.text(body, "id"), model != null ? model : request.model(), text.toString(),
                finishReason(Json.text(body, "stop_reason")),
                new Usage(Json.integer(body, "usage", "input_tokens"), Json.integer(body, "usage", "output_tokens")));
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        StringBuilder content = new StringBuilder();
        String messageId = null;
        String model = request.model();
        String stopReason = null;
        int inputTokens = 0;
        int outputTokens = 0;
        try (LineStream lines = http.stream("POST", "/v1/messages", body(request, true))) {
            String line;
            while ((line = lines.next()) != null) {
                // each data line repeats its event name in "type", so the "event:" lines need no reading
                if (!line.startsWith(DATA)) {
                    continue;
                }
                JsonNode event = http.parse(line.substring(DATA.length()).trim());
                String type = Json.text(event, "type");
                if ("message_start".equals(type)) {
                    messageId = Json.text(event, "message", "id");
                    model = Json.text(event, "message", "model") != null ? Json.text(event, "message", "model") : model;
                    inputTokens = Json.integer(event, "message", "usage", "input_tokens");
                    outputTokens = Json.integer(event, "message", "usage", "output_tokens");
                } else if ("content_block_delta".equals(type)) {
                    String delta = Json.text(event, "delta", "text");
                    if ("text_delta".equals(Json.text(event, "delta", "type")) && delta != null && !delta.isEmpty()) {
                        lines.firstTokenArrived();
                        content.append(delta);
                        listener.onDelta(delta);
                    }
                } else if ("message_delta".equals(type)) {
                    stopReason = Json.text(event, "delta", "stop_reason") != null
                            ? Json.text(event, "delta", "stop_reason") : stopReason;
                    // counts in message_delta are cumulative
                    outputTokens = Math.max(outputTokens, Json.integer(event, "usage", "output_tokens"));
                    inputTokens = Math.max(inputTokens, Json.integer(event, "usage", "input_tokens"));
                } else if ("error".equals(type)) {
                    throw streamError(event);
                } else if ("message_stop".equals(type)) {
                    break;
                }
                // ping, content_block_start, content_block_stop and unknown future events carry no text
            }
        }
        return new ChatResponse(messageId, model, content.toString(), finishReason(stopReason),
                new Usage(inputTokens, outputTokens));
    }

    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> models = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_MODEL_PAGES; page++) {
            String query = "?limit=1000" + (after == null ? "" : "&after_id=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            JsonNode body = http.get("/v1/models" + query);
            for (JsonNode model : Json.array(body, "data")) {
                models.add(new ModelInfo(Json.text(model, "id"), "anthropic"));
            }
            JsonNode hasMore = Json.at(body, "has_more");
            after = Json.text(body, "last_id");
            if (hasMore == null || !hasMore.isBoolean() || !hasMore.getBooleanValue() || after == null) {
                break;
            }
        }
        return models;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        throw new LlmException(LlmErrorKind.INVALID_REQUEST, id,
                id + ": Anthropic offers no embeddings API; use an openai, ollama or bedrock provider for embeddings");
    }

    private LlmException streamError(JsonNode event) {
        LlmErrorKind kind = ERROR_TYPES.getOrDefault(Json.text(event, "error", "type"), LlmErrorKind.UNAVAILABLE);
        return http.streamError(kind, errorMessage(event));
    }

    private JsonNode body(ChatRequest request, boolean stream) {
        List<String> system = new ArrayList<>();
        List<Object> messages = new ArrayList<>(request.messages().size());
        for (ChatMessage message : request.messages()) {
            if ("system".equals(message.role())) {
                system.add(message.content());
            } else {
                // the API knows only user and assistant turns
                String role = "assistant".equals(message.role()) ? "assistant" : "user";
                messages.add(Json.object("role", role, "content", message.content()));
            }
        }
        return Json.object(
                "model", request.model(),
                "max_tokens", request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens,
                "system", system.isEmpty() ? null : String.join("\n\n", system),
                "messages", messages,
                "temperature", request.temperature(),
                "top_p", request.topP(),
                "top_k", request.topK(),
                "stop_sequences", request.stop().isEmpty() ? null : request.stop(),
                "stream", stream ? Boolean.TRUE : null);
    }

    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }
}
