package dev.athanor.llm.ollama;

import dev.athanor.llm.http.Json;
import dev.athanor.llm.http.LineStream;
import dev.athanor.llm.http.VendorHttp;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Ollama's native API: chat, streaming as NDJSON, the local model list and embeddings through the port, plus the
 * model management and raw generation Ollama's own clients use ({@link #generate}, {@link #pull}, {@link #delete}).
 */
public final class OllamaProvider implements LlmProvider {

    private final String id;
    private final VendorHttp http;
    private final LlmTimeouts pullTimeouts;

    OllamaProvider(String id, VendorHttp http, LlmTimeouts pullTimeouts) {
        this.id = id;
        this.http = http;
        this.pullTimeouts = pullTimeouts;
    }

    /** Ollama's error body is {"error": "..."}. */
    static String errorMessage(JsonNode body) {
        return Json.text(body, "error");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.OLLAMA;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        JsonNode body = http.post("/api/chat", chatBody(request, false));
        return new ChatResponse(null, modelOr(body, request.model()), Json.text(body, "message", "content"),
                finishReason(body), usage(body));
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        StringBuilder content = new StringBuilder();
        JsonNode last = null;
        try (LineStream lines = http.stream("POST", "/api/chat", chatBody(request, true))) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode chunk = chunk(line);
                String delta = Json.text(chunk, "message", "content");
                if (delta != null && !delta.isEmpty()) {
                    lines.firstTokenArrived();
                    content.append(delta);
                    listener.onDelta(delta);
                }
                last = chunk;
                if (isDone(chunk)) {
                    break;
                }
            }
        }
        return new ChatResponse(null, modelOr(last, request.model()), content.toString(), finishReason(last), usage(last));
    }

    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode model : Json.array(http.get("/api/tags"), "models")) {
            String name = Json.text(model, "name");
            models.add(new ModelInfo(name != null ? name : Json.text(model, "model"), "ollama"));
        }
        return models;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        JsonNode body = http.post("/api/embed", Json.object("model", request.model(), "input", request.input()));
        List<float[]> vectors = new ArrayList<>();
        Json.array(body, "embeddings").forEach(vector -> vectors.add(Json.floats(vector)));
        return new EmbeddingResponse(modelOr(body, request.model()), vectors,
                new Usage(Json.integer(body, "prompt_eval_count"), 0));
    }

    /** {@code POST /api/generate} without streaming: Ollama's whole answer with its timings and context. */
    public OllamaGeneration generate(OllamaGenerateRequest request) {
        return generation(http.post("/api/generate", generateBody(request, false)), null);
    }

    /** {@code POST /api/generate} streamed: each piece of {@code response} to the listener, then the final line. */
    public OllamaGeneration generate(OllamaGenerateRequest request, StreamListener listener) {
        StringBuilder text = new StringBuilder();
        JsonNode last = null;
        try (LineStream lines = http.stream("POST", "/api/generate", generateBody(request, true))) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode chunk = chunk(line);
                String piece = Json.text(chunk, "response");
                if (piece != null && !piece.isEmpty()) {
                    lines.firstTokenArrived();
                    text.append(piece);
                    listener.onDelta(piece);
                }
                last = chunk;
                if (isDone(chunk)) {
                    break;
                }
            }
        }
        return generation(last, text.toString());
    }

    /**
     * {@code POST /api/pull}: downloads a model, passing each progress line to the listener; returns when Ollama
     * reports success. The download has its own deadlines, since it can take far longer than a completion.
     */
    public void pull(String model, Consumer<OllamaPullProgress> progress) {
        try (LineStream lines = http.stream("POST", "/api/pull", Json.object("model", model, "stream", true),
                pullTimeouts)) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode status = http.parse(line);
                String error = Json.text(status, "error");
                if (error != null) {
                    // Ollama reports an unknown model inside the 200 stream, not as a status
                    throw http.streamError(error.contains("does not exist") || error.contains("not found")
                            ? LlmErrorKind.NOT_FOUND : LlmErrorKind.UNAVAILABLE, error);
                }
                lines.firstTokenArrived();
                progress.accept(new OllamaPullProgress(Json.text(status, "status"), Json.text(status, "digest"),
                        Json.longOrNull(status, "total"), Json.longOrNull(status, "completed")));
            }
        }
    }

    /** {@code DELETE /api/delete}: removes a local model; an unknown one is NOT_FOUND. */
    public void delete(String model) {
        http.send("DELETE", "/api/delete", Json.object("model", model));
    }

    private JsonNode chunk(String line) {
        JsonNode chunk = http.parse(line);
        String error = Json.text(chunk, "error");
        if (error != null) {
            throw http.streamError(LlmErrorKind.UNAVAILABLE, error);
        }
        return chunk;
    }

    private static JsonNode chatBody(ChatRequest request, boolean stream) {
        List<Object> messages = new ArrayList<>(request.messages().size());
        for (ChatMessage message : request.messages()) {
            messages.add(Json.object("role", message.role(), "content", message.content()));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        putIfSet(options, "temperature", request.temperature());
        putIfSet(options, "top_p", request.topP());
        putIfSet(options, "top_k", request.topK());
        putIfSet(options, "num_predict", request.maxTokens());
        putIfSet(options, "stop", request.stop().isEmpty() ? null : request.stop());
        // Ollama streams unless told otherwise, so the flag is always sent
        return Json.object("model", request.model(), "messages", messages, "stream", stream,
                "options", options.isEmpty() ? null : options);
    }

    private static JsonNode generateBody(OllamaGenerateRequest request, boolean stream) {
        return Json.object("model", request.model(), "prompt", request.prompt(), "system", request.system(),
                "context", request.context(), "options", request.options(), "stream", stream);
    }

    private static OllamaGeneration generation(JsonNode body, String streamedText) {
        List<Long> context = null;
        if (Json.at(body, "context") != null) {
            context = new ArrayList<>();
            for (JsonNode token : Json.array(body, "context")) {
                context.add(token.getLongValue());
            }
        }
        return new OllamaGeneration(Json.text(body, "model"), Json.text(body, "created_at"),
                streamedText != null ? streamedText : Json.text(body, "response"), isDone(body),
                Json.text(body, "done_reason"), context,
                Json.longOrNull(body, "total_duration"), Json.longOrNull(body, "load_duration"),
                Json.longOrNull(body, "prompt_eval_count"), Json.longOrNull(body, "prompt_eval_duration"),
                Json.longOrNull(body, "eval_count"), Json.longOrNull(body, "eval_duration"));
    }

    private static void putIfSet(Map<String, Object> options, String name, Object value) {
        if (value != null) {
            options.put(name, value);
        }
    }

    private static boolean isDone(JsonNode chunk) {
        JsonNode done = Json.at(chunk, "done");
        return done != null && done.isBoolean() && done.getBooleanValue();
    }

    private static String finishReason(JsonNode body) {
        return "length".equals(Json.text(body, "done_reason")) ? "length" : "stop";
    }

    private static Usage usage(JsonNode body) {
        return new Usage(Json.integer(body, "prompt_eval_count"), Json.integer(body, "eval_count"));
    }

    private static String modelOr(JsonNode body, String fallback) {
        String model = Json.text(body, "model");
        return model != null ? model : fallback;
    }
}
