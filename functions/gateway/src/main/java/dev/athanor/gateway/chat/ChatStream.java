package dev.athanor.gateway.chat;

import dev.athanor.core.http.LlmExceptionHandler;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.ToolCallDelta;
import io.micronaut.json.JsonMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One streamed completion as server-sent events in OpenAI's chunk format. The call holds no thread: pieces arrive on
 * the vendor client's event loop and are written from there. The HTTP response starts only once the first piece has
 * arrived, so a call that fails before any output still answers with a proper error status. After that, a failure
 * ends the stream with an error chunk.
 *
 * <p>The events made from one read of the vendor's answer go out in one write: on an event loop, the first event
 * schedules a flush that runs once the loop has handled the read, and the events framed meanwhile join it. Elsewhere
 * (providers that block, a deadline's timer) each event is written at once.
 */
final class ChatStream implements StreamListener {

    private static final String DONE = "[DONE]";

    private final LlmService llm;
    private final JsonMapper json;
    private final ServerEventLoops loops;
    private final String id;
    private final long created;
    private final boolean includeUsage;
    private final Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean cancelled;
    private String model;
    // framed events not yet written, and whether a flush is on its way; guarded by this
    private final StringBuilder pending = new StringBuilder(512);
    private boolean flushScheduled;
    private boolean ended;
    private boolean completed;

    ChatStream(LlmService llm, JsonMapper json, ServerEventLoops loops, String id, long created,
               boolean includeUsage) {
        this.llm = llm;
        this.json = json;
        this.loops = loops;
        this.id = id;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    /**
     * Starts the call; the result completes with the event stream's bytes once the first piece has arrived, or
     * exceptionally with the call's error if it fails before one.
     */
    CompletableFuture<Flux<byte[]>> start(CallContext context, ChatRequest request) {
        model = request.model();
        llm.streamAsync(context, request, this).whenComplete(this::finish);
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
            emit(new OpenAiWire.StreamError(new OpenAiWire.ErrorBody(message, "upstream_error", 502)), true);
            return;
        }
        if (!started.isDone()) {
            emitRole(); // an empty answer still gets its opening chunk
            started.complete(null);
        }
        emit(chunk(new OpenAiWire.Delta(null, null), summary.finishReason()), false);
        if (includeUsage) {
            emit(new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model, List.of(),
                    OpenAiWire.UsageBody.of(summary.usage())), false);
        }
        append(DONE, true);
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException e ? e : new CompletionException(cause);
    }

    @Override
    public void onDelta(String text) {
        if (text.isEmpty()) {
            return;
        }
        begin();
        emit(chunk(new OpenAiWire.Delta(null, text), null), false);
    }

    @Override
    public void onToolCall(ToolCallDelta delta) {
        begin();
        emit(chunk(new OpenAiWire.Delta(null, null, List.of(OpenAiWire.ToolCallPiece.of(delta))), null), false);
    }

    /** Before each piece: the client may have gone; the first piece opens the response with the role's chunk. */
    private void begin() {
        if (cancelled) {
            throw new IllegalStateException("the client closed the stream");
        }
        if (!started.isDone()) {
            emitRole();
            started.complete(null);
        }
    }

    private void emitRole() {
        emit(chunk(new OpenAiWire.Delta("assistant", ""), null), false);
    }

    private OpenAiWire.Chunk chunk(OpenAiWire.Delta delta, String finishReason) {
        return new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model,
                List.of(new OpenAiWire.ChunkChoice(0, delta, finishReason)), null);
    }

    private void emit(Object value, boolean last) {
        try {
            append(json.writeValueAsString(value), last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frames one event (its data is one line of JSON) and sees that it gets written; the last one ends the stream. */
    private void append(String data, boolean last) {
        synchronized (this) {
            if (ended) {
                return;
            }
            pending.append("data: ").append(data).append("\n\n");
            ended = last;
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        Executor loop = loops.current();
        if (loop != null) {
            loop.execute(this::flush);
        } else {
            flush();
        }
    }

    private synchronized void flush() {
        flushScheduled = false;
        if (!pending.isEmpty()) {
            byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
            pending.setLength(0);
            sink.emitNext(bytes, Sinks.EmitFailureHandler.FAIL_FAST);
        }
        if (ended && !completed) {
            completed = true;
            sink.emitComplete(Sinks.EmitFailureHandler.FAIL_FAST);
        }
    }
}
