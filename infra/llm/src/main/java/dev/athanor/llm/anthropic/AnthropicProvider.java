package dev.athanor.llm.anthropic;

import dev.athanor.llm.http.Json;
import dev.athanor.llm.http.LineStream;
import dev.athanor.llm.http.VendorHttp;
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
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages API: system prompts travel apart from the turns, and a reply is a list of content blocks. The
 * request is mapped by {@link AnthropicMapping}, the reply read by {@link AnthropicAnswer} and, streamed, by
 * {@link AnthropicStream}.
 */
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
    private final AnthropicMapping mapping;
    private final AnthropicAnswer answer;

    AnthropicProvider(String id, VendorHttp http, int defaultMaxTokens, JsonMapper json) {
        this.id = id;
        this.http = http;
        this.mapping = new AnthropicMapping(id, defaultMaxTokens, json);
        this.answer = new AnthropicAnswer(id, json);
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
        return answer.read(request, http.post("/v1/messages", mapping.body(request, false)));
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        JsonNode body = mapping.body(request, true);
        try (LineStream lines = http.stream("POST", "/v1/messages", body)) {
            AnthropicStream reply = new AnthropicStream(request, listener, lines::firstTokenArrived);
            String line;
            while ((line = lines.next()) != null) {
                // each data line repeats its event name in "type", so the "event:" lines need no reading
                if (!line.startsWith(DATA)) {
                    continue;
                }
                JsonNode event = http.parse(line.substring(DATA.length()).trim());
                if ("error".equals(Json.text(event, "type"))) {
                    throw streamError(event);
                }
                if (reply.accept(event)) {
                    break;
                }
            }
            return reply.summary();
        }
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
        throw LlmException.unsupported(id, ProviderKind.ANTHROPIC, "model",
                "Anthropic offers no embeddings API; use an openai, ollama or bedrock provider for embeddings");
    }

    private LlmException streamError(JsonNode event) {
        LlmErrorKind kind = ERROR_TYPES.getOrDefault(Json.text(event, "error", "type"), LlmErrorKind.UNAVAILABLE);
        return http.streamError(kind, errorMessage(event));
    }
}
