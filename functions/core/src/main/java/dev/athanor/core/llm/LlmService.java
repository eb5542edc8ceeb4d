package dev.athanor.core.llm;

import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.StreamListener;
import jakarta.inject.Singleton;

/** The one way surfaces call a model: resolve the team's routes for the model id, then let the router serve it. */
@Singleton
public class LlmService {

    private final ModelDirectory directory;
    private final LlmRouter router;

    public LlmService(ModelDirectory directory, LlmRouter router) {
        this.directory = directory;
        this.router = router;
    }

    public ChatResponse chat(CallContext context, ChatRequest request) {
        return router.chat(context, directory.routes(context.team(), request.model()), request);
    }

    public ChatResponse stream(CallContext context, ChatRequest request, StreamListener listener) {
        return router.stream(context, directory.routes(context.team(), request.model()), request, listener);
    }
}
