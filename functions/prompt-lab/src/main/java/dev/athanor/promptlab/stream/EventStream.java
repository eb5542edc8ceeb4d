package dev.athanor.promptlab.stream;

import io.micronaut.json.JsonMapper;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The prompt lab's server-sent events: {@code data: {"type": "token", "content": "Hello"}} lines as the seed prints
 * them (its Python server's JSON spacing), written as soon as each is made. While nothing has been written for a
 * heartbeat interval (a model still thinking before its first token), a {@code : keep-alive} comment keeps proxies
 * and load balancers from closing the connection. Events after {@link #end} are dropped; once the client has gone,
 * {@link #cancelled()} says so.
 */
final class EventStream {

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper json;
    private final Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer();
    private final ScheduledFuture<?> heartbeat;
    private final long intervalNanos;
    private volatile boolean cancelled;
    // guarded by this
    private long lastWrite = System.nanoTime();
    private boolean ended;

    EventStream(JsonMapper json, ScheduledExecutorService scheduler, Duration heartbeatInterval) {
        this.json = json;
        this.intervalNanos = heartbeatInterval.toNanos();
        long periodMillis = Math.max(1, heartbeatInterval.toMillis());
        this.heartbeat = scheduler.scheduleAtFixedRate(this::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The response body: the events as they are written; cancelling it (the client left) stops the heartbeat. */
    Flux<byte[]> body() {
        return sink.asFlux().doOnCancel(() -> {
            cancelled = true;
            heartbeat.cancel(false);
        });
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Writes one event: its type, then the given fields in order. */
    void event(String type, Map<String, ?> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.putAll(fields);
        write(("data: " + pythonJson(event) + "\n\n").getBytes(StandardCharsets.UTF_8), false);
    }

    void event(String type, String content) {
        event(type, Map.of("content", content));
    }

    /** Writes a last event and ends the stream. */
    void end(String type, Map<String, ?> fields) {
        event(type, fields);
        write(null, true);
    }

    private void beat() {
        synchronized (this) {
            if (ended || System.nanoTime() - lastWrite < intervalNanos) {
                return;
            }
        }
        write(KEEP_ALIVE, false);
    }

    private synchronized void write(byte[] bytes, boolean last) {
        if (ended) {
            return;
        }
        if (bytes != null) {
            lastWrite = System.nanoTime();
            sink.tryEmitNext(bytes);
        }
        if (last) {
            ended = true;
            heartbeat.cancel(false);
            sink.tryEmitComplete();
        }
    }

    /** A flat object as Python's json.dumps writes it: {@code {"a": 1, "b": "x"}}. */
    private String pythonJson(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(scalar(key)).append(": ").append(scalar(value));
        });
        return out.append('}').toString();
    }

    private String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
