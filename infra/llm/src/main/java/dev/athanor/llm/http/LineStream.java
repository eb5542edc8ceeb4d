package dev.athanor.llm.http;

import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.client.RawHttpClient;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The body of a streaming call, line by line. The client's event loop splits the body into lines (ended by LF, CR
 * or CRLF) and pushes them into a queue; the caller polls it
 * with the deadline in force: before {@link #firstTokenArrived()} the first-token deadline (from request start),
 * after it the total one. A missed deadline cancels the exchange, which closes the connection. Not thread-safe:
 * one caller reads.
 */
public final class LineStream implements AutoCloseable {

    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** How long close() waits for the rest of a body the caller stopped reading (e.g. after "[DONE]"). */
    private static final long DRAIN_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    /** The response head: status and the one header a refusal needs. */
    private record Head(int status, String retryAfter) {
    }

    private final VendorHttp http;
    private final long startNanos;
    private final LlmTimeouts timeouts;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Lines lines = new Lines();
    private Exchange exchange;
    private boolean firstToken;
    private boolean ended;
    private boolean complete;

    LineStream(VendorHttp http, long startNanos, LlmTimeouts timeouts) {
        this.http = http;
        this.startNanos = startNanos;
        this.timeouts = timeouts;
    }

    void open(RawHttpClient client, HttpRequest<?> request, CloseableByteBody body) {
        exchange = Exchange.start(client, request, body);
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                events.add(new Failure(failure));
                return;
            }
            events.add(new Head(response.code(), response.getHeaders().get("Retry-After")));
            response.byteBody().toByteArrayPublisher().subscribe(lines);
        });
        Object first = poll();
        if (first instanceof Head head && head.status() >= 300) {
            LlmException refusal = http.vendorRefusal(head.status(), head.retryAfter(), errorBody());
            abort();
            throw refusal;
        }
        if (!(first instanceof Head)) {
            abort();
            throw new LlmException(LlmErrorKind.UNAVAILABLE, http.providerId(), 0,
                    http.providerId() + ": stream ended before its headers", null, null);
        }
    }

    /** Switches from the first-token deadline to the total one; call it when the first delta is seen. */
    public void firstTokenArrived() {
        firstToken = true;
    }

    /** The next line (possibly empty), or null at the end of the body. */
    public String next() {
        if (ended) {
            return null;
        }
        Object event = poll();
        if (event == END) {
            ended = true;
            complete = true;
            return null;
        }
        return (String) event;
    }

    /** Waits for the next event within the deadline in force; failures and timeouts are thrown as typed errors. */
    private Object poll() {
        long deadline = startNanos + (firstToken ? timeouts.total() : shorter(timeouts)).toNanos();
        Object event;
        try {
            event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
            throw new LlmException(LlmErrorKind.UNAVAILABLE, http.providerId(), 0,
                    http.providerId() + ": interrupted", null, e);
        }
        if (event == null) {
            abort();
            throw http.timeout(firstToken
                    ? "stream not finished within " + timeouts.total().toMillis() + " ms"
                    : "no first token within " + shorter(timeouts).toMillis() + " ms");
        }
        if (event instanceof Failure failure) {
            abort();
            throw HttpErrors.fromTransport(http.providerId(), failure.cause());
        }
        return event;
    }

    private static java.time.Duration shorter(LlmTimeouts timeouts) {
        return timeouts.firstToken().compareTo(timeouts.total()) < 0 ? timeouts.firstToken() : timeouts.total();
    }

    /** The rest of a refused call's body, bounded in size, read within the deadline in force. */
    private byte[] errorBody() {
        StringBuilder body = new StringBuilder();
        try {
            String line;
            while (body.length() < MAX_ERROR_BODY && (line = next()) != null) {
                body.append(line).append('\n');
            }
        } catch (LlmException unreadable) {
            // the status alone still says what happened
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Ends the call. A body whose end arrives within a short grace is read to its end, so the connection goes back
     * to the pool instead of being torn down (the vendor's end marker usually comes just before the body's end).
     */
    @Override
    public void close() {
        long graceEnd = System.nanoTime() + DRAIN_GRACE_NANOS;
        while (!ended) {
            Object event;
            try {
                event = events.poll(graceEnd - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (event == null || event == END || event instanceof Failure) {
                complete = event == END;
                break;
            }
        }
        if (complete) {
            exchange.close(); // the whole body was read: the connection goes back to the pool
        } else {
            abort();
        }
        ended = true;
    }

    /** Ends the exchange early: stops reading and closes the connection, whose body was not read to its end. */
    private void abort() {
        ended = true;
        lines.cancel();
        if (exchange != null) {
            exchange.close();
        }
    }

    /** Queues the body's lines for the caller as the client's event loop splits them. */
    private final class Lines extends LineFeed {

        @Override
        void line(String line) {
            events.add(line);
        }

        @Override
        void end() {
            events.add(END);
        }

        @Override
        void failed(Throwable failure) {
            events.add(new Failure(failure));
        }
    }
}
