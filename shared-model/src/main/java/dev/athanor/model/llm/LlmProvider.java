package dev.athanor.model.llm;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The one port every LLM vendor sits behind. An implementation does transport and mapping only: retries,
 * fallback, circuit breaking and metering belong to the router. Every method throws {@link LlmException} on failure.
 */
public interface LlmProvider {

    /** The provider's id, unique within a team. */
    String id();

    ProviderKind kind();

    ChatResponse chat(ChatRequest request);

    /**
     * The same call for callers that must not block (a server's event loop): completes with the answer or
     * exceptionally with the {@link LlmException} that {@link #chat} would throw. Providers with a non-blocking
     * transport override it; this default runs {@link #chat} on the given executor, which may block.
     */
    default CompletableFuture<ChatResponse> chatAsync(ChatRequest request, Executor blocking) {
        return CompletableFuture.supplyAsync(() -> chat(request), blocking);
    }

    /**
     * Streams a completion: calls the listener with each piece of text as it arrives, then returns the summary.
     * Throws before the first delta when the call cannot start; a failure after it is thrown too, and the caller
     * knows from its listener that output had already begun.
     */
    ChatResponse stream(ChatRequest request, StreamListener listener);

    /**
     * The same stream for callers that must not block: completes with the summary, or exceptionally with the
     * {@link LlmException} (or what the listener threw) that {@link #stream} would throw. Providers with a
     * non-blocking transport override it and call the listener on their transport's thread; this default runs
     * {@link #stream} on the given executor, which may block, and calls the listener there.
     */
    default CompletableFuture<ChatResponse> streamAsync(ChatRequest request, StreamListener listener,
                                                       Executor blocking) {
        return CompletableFuture.supplyAsync(() -> stream(request, listener), blocking);
    }

    List<ModelInfo> models();

    EmbeddingResponse embed(EmbeddingRequest request);

    /**
     * {@link #embed} for callers that must not block: this default runs it on the given executor, which may block.
     */
    default CompletableFuture<EmbeddingResponse> embedAsync(EmbeddingRequest request, Executor blocking) {
        return CompletableFuture.supplyAsync(() -> embed(request), blocking);
    }

    /** A cheap liveness probe (usually the model list); never throws. */
    default ProviderHealth health() {
        long start = System.nanoTime();
        try {
            models();
            return ProviderHealth.ok((System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            return ProviderHealth.failed((System.nanoTime() - start) / 1_000_000, e.getMessage());
        }
    }
}
