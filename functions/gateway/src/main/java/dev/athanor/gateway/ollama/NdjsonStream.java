package dev.athanor.gateway.ollama;

import dev.athanor.model.error.DomainException;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One answer as newline-delimited JSON, each line written as it is produced. The work runs on a worker thread (the
 * Ollama client blocks); the HTTP response starts only with the first line, so a call that fails before any output
 * still answers with its proper status (404, 502, ...). A failure after that ends the stream with an
 * {@code {"error": "..."}} line, as Ollama ends its own streams.
 */
final class NdjsonStream {

    private static final Logger LOG = LoggerFactory.getLogger(NdjsonStream.class);

    private final JsonMapper json;
    private final Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean cancelled;

    NdjsonStream(JsonMapper json) {
        this.json = json;
    }

    /**
     * Runs {@code work} on {@code executor}, handing it where to write its lines; completes with the lines once the
     * first is written (or the work ended without any), or exceptionally with the work's failure if it fails first.
     */
    CompletableFuture<Flux<byte[]>> start(Executor executor, Consumer<Consumer<Object>> work) {
        CompletableFuture.runAsync(() -> work.accept(this::write), executor)
                .whenComplete((done, failure) -> finish(failure));
        return started.thenApply(first -> sink.asFlux().doOnCancel(() -> cancelled = true));
    }

    private void write(Object line) {
        if (cancelled) {
            // stops the upstream read: nobody is listening any more
            throw new IllegalStateException("the client closed the stream");
        }
        emit(line);
        started.complete(null);
    }

    private void finish(Throwable failure) {
        if (failure == null) {
            started.complete(null);
            sink.tryEmitComplete();
            return;
        }
        RuntimeException error = unwrap(failure);
        if (!started.isDone()) {
            started.completeExceptionally(error);
            return;
        }
        if (!cancelled) {
            String message = error instanceof DomainException ? error.getMessage() : "The stream failed";
            if (!(error instanceof DomainException)) {
                LOG.warn("NDJSON stream failed after it started", error);
            }
            emit(Map.of("error", message));
        }
        sink.tryEmitComplete();
    }

    private void emit(Object line) {
        try {
            byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            sink.tryEmitNext(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException e ? e : new CompletionException(cause);
    }
}
