package dev.athanor.llm.http;

import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.client.RawHttpClient;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The body of a streaming call, line by line, for callers that read on their own thread. It is a {@link StreamCall}
 * whose lines are queued: the call keeps the deadlines (the first-token one until {@link #firstTokenArrived()}, then
 * the total one), reads a refusal's status and message, and fails the call when a deadline passes; the caller takes
 * lines and failures from the queue in order. Not thread-safe: one caller reads.
 */
public final class LineStream implements AutoCloseable {

    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    private final VendorHttp http;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final StreamCall call;
    private boolean ended;

    LineStream(VendorHttp http) {
        this.http = http;
        this.call = new StreamCall(http, line -> {
            events.add(line);
            return LineHandler.Next.MORE;
        });
    }

    void open(RawHttpClient client, HttpRequest<?> request, CloseableByteBody body, LlmTimeouts timeouts) {
        call.start(client, request, body, timeouts)
                .whenComplete((done, failure) -> events.add(failure == null ? END : new Failure(failure)));
    }

    /** Switches from the first-token deadline to the total one; call it when the first delta is seen. */
    public void firstTokenArrived() {
        call.firstTokenArrived();
    }

    /** The next line (possibly empty), or null at the end of the body; a refusal, failure or timeout is thrown. */
    public String next() {
        if (ended) {
            return null;
        }
        Object event;
        try {
            event = events.take(); // the call's deadlines end every wait
        } catch (InterruptedException e) {
            ended = true;
            call.stop();
            Thread.currentThread().interrupt();
            throw new LlmException(LlmErrorKind.UNAVAILABLE, http.providerId(), 0,
                    http.providerId() + ": interrupted", null, e);
        }
        if (event == END) {
            ended = true;
            return null;
        }
        if (event instanceof Failure failure) {
            ended = true;
            throw HttpErrors.fromTransport(http.providerId(), failure.cause());
        }
        return (String) event;
    }

    /**
     * Ends the call without waiting: the rest of a body the caller stopped reading (e.g. after "[DONE]") is drained
     * for a short grace, so its connection goes back to the pool instead of being torn down.
     */
    @Override
    public void close() {
        ended = true;
        call.stop();
    }
}
