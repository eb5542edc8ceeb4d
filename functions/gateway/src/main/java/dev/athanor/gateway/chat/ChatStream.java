package dev.athanor.gateway.chat;

import dev.athanor.core.http.LlmExceptionHandler;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmException;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One streamed completion as server-sent events in OpenAI's chunk format. The call holds no thread: pieces arrive on
 * the vendor client's event loop and are written from there. The HTTP response starts only once the first piece has
 * arrived, so a call that fails before any output still answers with a proper error status. After that, a failure
 * ends the stream with an error chunk.
 */
final class ChatStream {

    private static final String DONE = "[DONE]";
    // pieces come from the client's event loop, a deadline's failure from a timer thread: emissions take turns
    private static final Sinks.EmitFailureHandler TAKE_TURNS =
            Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1));

    private final LlmService llm;
    private final JsonMapper json;
    private final String id;
    private final long created;
    private final boolean includeUsage;
    private final Sinks.Many<Event<String>> sink = Sinks.many().unicast().onBackpressureBuffer();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean cancelled;
    private String model;

    ChatStream(LlmService llm, JsonMapper json, String id, long created, boolean includeUsage) {
        this.llm = llm;
        this.json = json;
        this.id = id;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    /**
     * Starts the call; the result completes with the events once the first piece has arrived, or exceptionally with
     * the call's error if it fails before one.
     */
    CompletableFuture<Flux<Event<String>>> start(CallContext context, ChatRequest request) {
        model = request.model();
        llm.streamAsync(context, request, this::piece).whenComplete(this::finish);
        return started.thenApply(first -> sink.asFlux().doOnCancel(() -> cancelled = true));
    }

    private void finish(ChatResponse summary, Throwable failure) {
        if (failure != null) {
            RuntimeException e = unwrap(failure);
            if (!started.isDone()) {
                started.completeExceptionally(e);
                return;
            }
            String message = e instanceof LlmException llmError ? LlmExceptionHandler.upstreamMessage(llmError)
                    : "The stream failed";
            emit(new OpenAiWire.StreamError(new OpenAiWire.ErrorBody(message, "upstream_error", 502)));
            sink.emitComplete(TAKE_TURNS);
            return;
        }
        if (!started.isDone()) {
            emitRole(); // an empty answer still gets its opening chunk
            started.complete(null);
        }
        emit(chunk(new OpenAiWire.Delta(null, null), summary.finishReason()));
        if (includeUsage) {
            emit(new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model, List.of(),
                    OpenAiWire.UsageBody.of(summary.usage())));
        }
        sink.emitNext(Event.of(DONE), TAKE_TURNS);
        sink.emitComplete(TAKE_TURNS);
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException e ? e : new CompletionException(cause);
    }

    private void piece(String text) {
        if (cancelled) {
            throw new IllegalStateException("the client closed the stream");
        }
        if (text.isEmpty()) {
            return;
        }
        if (!started.isDone()) {
            emitRole();
            started.complete(null);
        }
        emit(chunk(new OpenAiWire.Delta(null, text), null));
    }

    private void emitRole() {
        emit(chunk(new OpenAiWire.Delta("assistant", ""), null));
    }

    private OpenAiWire.Chunk chunk(OpenAiWire.Delta delta, String finishReason) {
        return new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model,
                List.of(new OpenAiWire.ChunkChoice(0, delta, finishReason)), null);
    }

    private void emit(Object value) {
        try {
            sink.emitNext(Event.of(json.writeValueAsString(value)), TAKE_TURNS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
