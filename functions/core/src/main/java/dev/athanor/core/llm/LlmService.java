package dev.athanor.core.llm;

import dev.athanor.core.auth.keys.KeyLimits;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.Usage;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way surfaces call a model: apply the limits of the caller's API key (if the call came with one), resolve
 * the team's routes for the model id, then let the router serve it.
 */
@Singleton
public class LlmService {

    private final ModelDirectory directory;
    private final LlmRouter router;
    private final Executor blocking;
    private final KeyLimits limits;

    public LlmService(ModelDirectory directory, LlmRouter router, @Named(TaskExecutors.BLOCKING) Executor blocking,
                      KeyLimits limits) {
        this.directory = directory;
        this.router = router;
        this.blocking = blocking;
        this.limits = limits;
    }

    public ChatResponse chat(CallContext context, ChatRequest request) {
        return chat(context, directory.routes(context.team(), request.model()), request);
    }

    /**
     * A call on routes the caller built instead of the team's providers (an endpoint of the caller's own, such as an
     * orchestrator agent's), within the same key limits, breakers and metering.
     */
    public ChatResponse chat(CallContext context, List<Route> routes, ChatRequest request) {
        KeyLimits.Admission admission = limits.admit(context, request);
        ChatResponse response;
        try {
            response = router.chat(context, routes, request);
        } catch (RuntimeException | Error failure) {
            admission.failed();
            throw failure;
        }
        admission.succeeded(response.usage());
        return response;
    }

    /**
     * The same call without blocking the caller, for a server's event loop; completes exceptionally with the
     * {@link dev.athanor.model.llm.LlmException} or the unknown model's 404.
     */
    public CompletableFuture<ChatResponse> chatAsync(CallContext context, ChatRequest request) {
        return limited(context, () -> limits.admit(context, request), ChatResponse::usage,
                () -> directory.routesAsync(context.team(), request.model(), blocking)
                        .thenCompose(routes -> router.chatAsync(context, routes, request)));
    }

    /**
     * A streamed call without blocking the caller, for a server's event loop: pieces reach the listener as they
     * arrive (see {@link LlmRouter#streamAsync}); completes with the summary or exceptionally like {@link #chatAsync}.
     */
    public CompletableFuture<ChatResponse> streamAsync(CallContext context, ChatRequest request,
                                                       StreamListener listener) {
        return limited(context, () -> limits.admit(context, request), ChatResponse::usage,
                () -> directory.routesAsync(context.team(), request.model(), blocking)
                        .thenCompose(routes -> router.streamAsync(context, routes, request, listener)));
    }

    /**
     * Embeds texts with the team's provider for the model, within the same key limits, breakers and metering as a
     * chat call; completes exceptionally like {@link #chatAsync}.
     */
    public CompletableFuture<EmbeddingResponse> embedAsync(CallContext context, EmbeddingRequest request) {
        return limited(context, () -> limits.admit(context, request), EmbeddingResponse::usage,
                () -> directory.routesAsync(context.team(), request.model(), blocking)
                        .thenCompose(routes -> router.embedAsync(context, routes, request)));
    }

    /**
     * The call within its key's limits. Admitting reads and writes tables only for a key with metered limits, and
     * then on the blocking executor, as does recording what the call used, which the answer waits for (so the next
     * call of that key sees it); every other call starts at once on the caller's thread.
     */
    private <R> CompletableFuture<R> limited(CallContext context, Supplier<KeyLimits.Admission> admit,
                                             Function<R, Usage> usage, Supplier<CompletableFuture<R>> call) {
        if (limits.inMemory(context)) {
            try {
                admit.get();
            } catch (RuntimeException refused) {
                return CompletableFuture.failedFuture(refused);
            }
            return call.get();
        }
        return CompletableFuture.supplyAsync(admit, blocking)
                .thenCompose(admission -> call.get().handle((response, failure) -> failure == null
                        ? CompletableFuture.supplyAsync(() -> {
                            admission.succeeded(usage.apply(response));
                            return response;
                        }, blocking)
                        : CompletableFuture.runAsync(admission::failed, blocking)
                        .<R>thenCompose(done -> CompletableFuture.failedFuture(unwrap(failure))))
                        .thenCompose(next -> next));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
