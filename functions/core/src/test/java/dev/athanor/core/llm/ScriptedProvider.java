package dev.athanor.core.llm;

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

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A provider that plays a script of outcomes, one per call, then keeps repeating the last one. */
final class ScriptedProvider implements LlmProvider {

    private final String id;
    private final Deque<Step> script = new ArrayDeque<>();
    private Step last;
    final List<ChatRequest> calls = new ArrayList<>();

    private record Step(String answer, LlmErrorKind failure, Duration retryAfter, int piecesBeforeFailure) {
    }

    ScriptedProvider(String id) {
        this.id = id;
    }

    ScriptedProvider answers(String text) {
        return then(new Step(text, null, null, 0));
    }

    ScriptedProvider fails(LlmErrorKind kind) {
        return then(new Step(null, kind, null, 0));
    }

    ScriptedProvider failsWithRetryAfter(Duration retryAfter) {
        return then(new Step(null, LlmErrorKind.RATE_LIMITED, retryAfter, 0));
    }

    /** Streams this many pieces of "piece-N", then fails as unavailable. */
    ScriptedProvider streamsThenFails(int pieces) {
        return then(new Step(null, LlmErrorKind.UNAVAILABLE, null, pieces));
    }

    private ScriptedProvider then(Step step) {
        script.add(step);
        return this;
    }

    private synchronized Step next(ChatRequest request) {
        calls.add(request);
        Step step = script.isEmpty() ? last : script.poll();
        last = step;
        return step;
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
        return stream(request, text -> { });
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        Step step = next(request);
        for (int i = 1; i <= step.piecesBeforeFailure(); i++) {
            listener.onDelta("piece-" + i);
        }
        if (step.failure() != null) {
            throw new LlmException(step.failure(), id, 0, id + " failed: " + step.failure(), step.retryAfter(), null);
        }
        listener.onDelta(step.answer());
        return new ChatResponse("resp-" + id, request.model(), step.answer(), "stop", new Usage(3, 5));
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(new ModelInfo("m", id));
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        throw new LlmException(LlmErrorKind.INVALID_REQUEST, id, "no embeddings");
    }

    int callCount() {
        return calls.size();
    }
}
