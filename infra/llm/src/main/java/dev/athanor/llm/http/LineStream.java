package dev.athanor.llm.http;

import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.client.RawHttpClient;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.ByteArrayOutputStream;
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
    private volatile Subscription subscription;
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
            response.byteBody().toByteArrayPublisher().subscribe(new Lines());
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
        Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        if (exchange != null) {
            exchange.close();
        }
    }

    /** Splits the body's chunks into lines as they arrive, on the client's event loop. */
    private final class Lines implements Subscriber<byte[]> {

        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean afterCr;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            // vendor replies are small next to memory; taking them as they come keeps the exchange simple and fast
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(byte[] chunk) {
            int start = 0;
            for (int i = 0; i < chunk.length; i++) {
                byte b = chunk[i];
                if (b == '\n' && afterCr && i == start && pending.size() == 0) {
                    start = i + 1; // the LF of a CRLF whose CR ended the previous line
                } else if (b == '\n' || b == '\r') {
                    pending.write(chunk, start, i - start);
                    emit();
                    start = i + 1;
                }
                afterCr = b == '\r';
            }
            pending.write(chunk, start, chunk.length - start);
        }

        private void emit() {
            events.add(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }

        @Override
        public void onError(Throwable failure) {
            events.add(new Failure(failure));
        }

        @Override
        public void onComplete() {
            if (pending.size() > 0) {
                emit();
            }
            events.add(END);
        }
    }
}
