package dev.athanor.llm.openai;

import dev.athanor.llm.http.Json;
import dev.athanor.llm.http.LineHandler;
import dev.athanor.llm.http.VendorHttp;
import dev.athanor.model.llm.ChatChoice;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Any OpenAI-compatible Chat Completions API (OpenAI, DeepSeek, Gemini's OpenAI endpoint, OpenRouter, vLLM,
 * LiteLLM, Ollama's /v1). The base URL includes the version path, e.g. {@code https://api.openai.com/v1}.
 */
final class OpenAiProvider implements LlmProvider {

    private static final String DATA = "data:";

    private final String id;
    private final VendorHttp http;

    OpenAiProvider(String id, VendorHttp http) {
        this.id = id;
        this.http = http;
    }

    /** OpenAI's error body is {"error":{"message","type","code"}}; some compatible servers put a plain string there. */
    static String errorMessage(JsonNode body) {
        String message = Json.text(body, "error", "message");
        if (message == null) {
            message = Json.text(body, "error");
        }
        return message != null ? message : Json.text(body, "message");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.OPENAI;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return http.await(chatAsync(request, Runnable::run));
    }

    /** Non-blocking: the answer is read on the HTTP client's own thread; the executor is not needed. */
    @Override
    public CompletableFuture<ChatResponse> chatAsync(ChatRequest request, Executor blocking) {
        return http.sendAsync("POST", "/chat/completions", OpenAiMapping.body(request, false))
                .thenApply(body -> new ChatResponse(Json.text(body, "id"), modelOr(body, request),
                        OpenAiMapping.choices(body), OpenAiMapping.usage(body), Json.text(body, "system_fingerprint")));
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        return http.await(streamAsync(request, listener, Runnable::run));
    }

    /** Non-blocking: each chunk is parsed and handed to the listener on the HTTP client's own thread. */
    @Override
    public CompletableFuture<ChatResponse> streamAsync(ChatRequest request, StreamListener listener,
                                                      Executor blocking) {
        Chunks chunks = new Chunks(request.model(), listener);
        return http.streamAsync("POST", "/chat/completions", OpenAiMapping.body(request, true), chunks)
                .thenApply(done -> chunks.summary());
    }

    /** Reads the server-sent chunks of one stream and keeps what its summary needs. */
    private final class Chunks implements LineHandler {

        private final StreamListener listener;
        private final StringBuilder content = new StringBuilder();
        private final List<StreamedCall> calls = new ArrayList<>();
        private String responseId;
        private String model;
        private String finishReason;
        private String fingerprint;
        private Usage usage;

        Chunks(String model, StreamListener listener) {
            this.model = model;
            this.listener = listener;
        }

        @Override
        public Next onLine(String line) {
            if (!line.startsWith(DATA)) {
                return Next.MORE; // blank separators, ": keep-alive" comments, "event:" names
            }
            String data = line.substring(DATA.length()).trim();
            if (data.equals("[DONE]")) {
                return Next.DONE;
            }
            JsonNode chunk = http.parse(data);
            if (Json.at(chunk, "error") != null) {
                throw http.streamError(LlmErrorKind.UNAVAILABLE, errorMessage(chunk));
            }
            responseId = responseId == null ? Json.text(chunk, "id") : responseId;
            model = Json.text(chunk, "model") != null ? Json.text(chunk, "model") : model;
            fingerprint = Json.text(chunk, "system_fingerprint") != null
                    ? Json.text(chunk, "system_fingerprint") : fingerprint;
            JsonNode choice = first(Json.array(chunk, "choices"));
            String reason = Json.text(choice, "finish_reason");
            finishReason = reason != null ? reason : finishReason;
            if (Json.at(chunk, "usage") != null) {
                usage = OpenAiMapping.usage(chunk);
            }
            Next next = Next.MORE;
            for (JsonNode call : Json.array(choice, "delta", "tool_calls")) {
                toolCall(call);
                next = Next.TOKEN;
            }
            String delta = Json.text(choice, "delta", "content");
            if (delta == null || delta.isEmpty()) {
                return next;
            }
            content.append(delta);
            listener.onDelta(delta);
            return Next.TOKEN;
        }

        /** A piece of a tool call: passed on as it came, and added to the call it belongs to. */
        private void toolCall(JsonNode piece) {
            int index = Json.integer(piece, "index");
            String callId = Json.text(piece, "id");
            String name = Json.text(piece, "function", "name");
            String arguments = Json.text(piece, "function", "arguments");
            while (calls.size() <= index) {
                calls.add(new StreamedCall());
            }
            StreamedCall call = calls.get(index);
            call.id = callId != null ? callId : call.id;
            call.name = name != null ? name : call.name;
            if (arguments != null) {
                call.arguments.append(arguments);
            }
            listener.onToolCall(new ToolCallDelta(index, callId, name, arguments));
        }

        ChatResponse summary() {
            List<ToolCall> made = new ArrayList<>(calls.size());
            for (int i = 0; i < calls.size(); i++) {
                StreamedCall call = calls.get(i);
                made.add(OpenAiMapping.toolCall(call.id, i, call.name, call.arguments.toString()));
            }
            return new ChatResponse(responseId, model, List.of(new ChatChoice(0, content.toString(), made,
                    finishReason, null)), usage, fingerprint);
        }
    }

    /** A tool call being streamed. */
    private static final class StreamedCall {

        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
    }

    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode model : Json.array(http.get("/models"), "data")) {
            String owner = Json.text(model, "owned_by");
            models.add(new ModelInfo(Json.text(model, "id"), owner != null ? owner : id));
        }
        return models;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        // floats always: the gateway encodes them again when its own caller asked for base64
        JsonNode body = http.post("/embeddings", Json.object("model", request.model(),
                "input", request.tokens().isEmpty() ? request.input() : request.tokens(),
                "dimensions", request.dimensions(), "user", request.user(), "encoding_format", "float"));
        List<JsonNode> data = Json.array(body, "data");
        data.sort(Comparator.comparingInt(item -> Json.integer(item, "index")));
        List<float[]> vectors = new ArrayList<>(data.size());
        data.forEach(item -> vectors.add(Json.floats(Json.at(item, "embedding"))));
        String model = Json.text(body, "model");
        return new EmbeddingResponse(model != null ? model : request.model(), vectors,
                new Usage(Json.integer(body, "usage", "prompt_tokens"), 0));
    }

    private static JsonNode first(List<JsonNode> items) {
        return items.isEmpty() ? null : items.get(0);
    }

    private static String modelOr(JsonNode body, ChatRequest request) {
        String model = Json.text(body, "model");
        return model != null ? model : request.model();
    }
}
