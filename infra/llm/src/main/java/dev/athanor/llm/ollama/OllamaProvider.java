package dev.athanor.llm.ollama;

import dev.athanor.llm.http.Json;
import dev.athanor.llm.http.LineStream;
import dev.athanor.llm.http.VendorHttp;
import dev.athanor.llm.mapping.Unsupported;
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
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.ollama.OllamaGenerateRequest;
import dev.athanor.model.ollama.OllamaGeneration;
import dev.athanor.model.ollama.OllamaModel;
import dev.athanor.model.ollama.OllamaPullProgress;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ollama's native API: chat, streaming as NDJSON, the local model list and embeddings through the port, plus the
 * model management and raw generation Ollama's own clients use ({@link #generate}, {@link #pull}, {@link #delete}).
 */
public final class OllamaProvider implements LlmProvider {

    private final String id;
    private final VendorHttp http;
    private final LlmTimeouts pullTimeouts;
    private final OllamaChatMapping chat;

    OllamaProvider(String id, VendorHttp http, LlmTimeouts pullTimeouts, JsonMapper json) {
        this.id = id;
        this.http = http;
        this.pullTimeouts = pullTimeouts;
        this.chat = new OllamaChatMapping(id, json);
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
        JsonNode body = http.post("/api/chat", chat.body(request, false));
        List<ToolCall> calls = chat.toolCalls(body);
        // message.thinking, a thinking model's reasoning, is not part of the answer
        return new ChatResponse(null, modelOr(body, request.model()), Json.text(body, "message", "content"), calls,
                OllamaChatMapping.finishReason(body, !calls.isEmpty()), OllamaChatMapping.usage(body));
    }

    /**
     * Ollama streams text in pieces but each tool call whole, in one line; a call reaches the listener as OpenAI
     * streams one: its id and name first, then its arguments.
     */
    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        JsonNode requestBody = chat.body(request, true);
        StringBuilder content = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        JsonNode last = null;
        try (LineStream lines = http.stream("POST", "/api/chat", requestBody)) {
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode chunk = chunk(line);
                String thinking = Json.text(chunk, "message", "thinking");
                if (thinking != null && !thinking.isEmpty()) {
                    // a thinking model's thoughts are not text, but they show it is answering in time
                    lines.firstTokenArrived();
                }
                String delta = Json.text(chunk, "message", "content");
                if (delta != null && !delta.isEmpty()) {
                    lines.firstTokenArrived();
                    content.append(delta);
                    listener.onDelta(delta);
                }
                for (ToolCall call : chat.toolCalls(chunk)) {
                    lines.firstTokenArrived();
                    int index = calls.size();
                    calls.add(call);
                    listener.onToolCall(new ToolCallDelta(index, call.id(), call.name(), ""));
                    listener.onToolCall(new ToolCallDelta(index, null, null, call.arguments()));
                }
                last = chunk;
                if (isDone(chunk)) {
                    break;
                }
            }
        }
        return new ChatResponse(null, modelOr(last, request.model()), content.toString(), calls,
                OllamaChatMapping.finishReason(last, !calls.isEmpty()), OllamaChatMapping.usage(last));
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

    /** {@code POST /api/embed}; {@code dimensions} shortens the vectors of models that can. */
    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        Unsupported.refuseTokenInput(id, ProviderKind.OLLAMA, request);
        JsonNode body = http.post("/api/embed", Json.object("model", request.model(), "input", request.input(),
                "dimensions", request.dimensions()));
        List<float[]> vectors = new ArrayList<>();
        Json.array(body, "embeddings").forEach(vector -> vectors.add(Json.floats(vector)));
        return new EmbeddingResponse(modelOr(body, request.model()), vectors,
                new Usage(Json.integer(body, "prompt_eval_count"), 0));
    }

    /** {@code POST /api/generate} without streaming: Ollama's whole answer with its timings and context. */
    public OllamaGeneration generate(OllamaGenerateRequest request) {
        return generation(http.post("/api/generate", generateBody(request, false)), null);
    }

    /**
     * {@code POST /api/generate} streamed: each line to {@code lines} as Ollama sends it (pieces, then the final line
     * with the timings); returns the final line with {@code response} holding the whole text.
     */
    public OllamaGeneration generate(OllamaGenerateRequest request, Consumer<OllamaGeneration> lines) {
        StringBuilder text = new StringBuilder();
        JsonNode last = null;
        try (LineStream stream = http.stream("POST", "/api/generate", generateBody(request, true))) {
            String line;
            while ((line = stream.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode chunk = chunk(line);
                String piece = Json.text(chunk, "response");
                if (piece != null && !piece.isEmpty()) {
                    stream.firstTokenArrived();
                    text.append(piece);
                }
                lines.accept(generation(chunk, null));
                last = chunk;
                if (isDone(chunk)) {
                    break;
                }
            }
        }
        return generation(last, text.toString());
    }

    /** {@code GET /api/tags}: the local models with their sizes, digests and details. */
    public List<OllamaModel> localModels() {
        List<OllamaModel> models = new ArrayList<>();
        for (JsonNode model : Json.array(http.get("/api/tags"), "models")) {
            String name = Json.text(model, "name");
            List<String> families = null;
            if (Json.at(model, "details", "families") != null) {
                families = new ArrayList<>();
                for (JsonNode family : Json.array(model, "details", "families")) {
                    families.add(family.getStringValue());
                }
            }
            Long size = Json.longOrNull(model, "size");
            models.add(new OllamaModel(name != null ? name : Json.text(model, "model"), size == null ? 0 : size,
                    Json.text(model, "digest"), Json.text(model, "modified_at"),
                    new OllamaModel.Details(Json.text(model, "details", "format"),
                            Json.text(model, "details", "family"), families,
                            Json.text(model, "details", "parameter_size"),
                            Json.text(model, "details", "quantization_level"))));
        }
        return models;
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

    private static boolean isDone(JsonNode chunk) {
        JsonNode done = Json.at(chunk, "done");
        return done != null && done.isBoolean() && done.getBooleanValue();
    }

    private static String modelOr(JsonNode body, String fallback) {
        String model = Json.text(body, "model");
        return model != null ? model : fallback;
    }
}
