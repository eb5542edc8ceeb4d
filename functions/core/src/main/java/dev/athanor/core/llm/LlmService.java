package dev.athanor.core.llm;

import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.StreamListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The one way surfaces call a model: resolve the team's routes for the model id, then let the router serve it. */
@Singleton
public class LlmService {

    private final ModelDirectory directory;
    private final LlmRouter router;
    private final Executor blocking;

    public LlmService(ModelDirectory directory, LlmRouter router, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.directory = directory;
        this.router = router;
        this.blocking = blocking;
    }

    public ChatResponse chat(CallContext context, ChatRequest request) {
        return router.chat(context, directory.routes(context.team(), request.model()), request);
    }

    /**
     * The same call without blocking the caller, for a server's event loop; completes exceptionally with the
     * {@link dev.athanor.model.llm.LlmException} or the unknown model's 404.
     */
    public CompletableFuture<ChatResponse> chatAsync(CallContext context, ChatRequest request) {
        return directory.routesAsync(context.team(), request.model(), blocking)
                .thenCompose(routes -> router.chatAsync(context, routes, request));
    }

    /**
     * A streamed call without blocking the caller, for a server's event loop: pieces reach the listener as they
     * arrive (see {@link LlmRouter#streamAsync}); completes with the summary or exceptionally like {@link #chatAsync}.
     */
    public CompletableFuture<ChatResponse> streamAsync(CallContext context, ChatRequest request,
                                                       StreamListener listener) {
        return directory.routesAsync(context.team(), request.model(), blocking)
                .thenCompose(routes -> router.streamAsync(context, routes, request, listener));
    }
}
