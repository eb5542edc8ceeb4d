package dev.athanor.llm.http;

import dev.athanor.model.llm.LlmTimeouts;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.client.RawHttpClient;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A streaming call that holds no thread: the client's event loop splits the body into lines and hands each to the
 * {@link LineHandler} as it arrives. The result completes when the handler has seen the answer's end (or the body
 * ends), or exceptionally with the typed error: a refusal with the vendor's status and message, a missed first-token
 * or total deadline, a broken body, or whatever the handler threw.
 */
final class StreamCall extends LineFeed {

    /** How long the rest of a body is read after the answer's end so its connection can be reused. */
    private static final long DRAIN_GRACE_MILLIS = 100;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final VendorHttp http;
    private final LineHandler handler;
    private final CompletableFuture<Void> result = new CompletableFuture<>();
    private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
    private final CompletableFuture<Void> total = new CompletableFuture<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Exchange exchange;
    private volatile boolean stopped;

    StreamCall(VendorHttp http, LineHandler handler) {
        this.http = http;
        this.handler = handler;
    }

    CompletableFuture<Void> start(RawHttpClient client, HttpRequest<?> request, CloseableByteBody body,
                                  LlmTimeouts timeouts) {
        exchange = Exchange.start(client, request, body);
        long firstTokenMillis = Math.min(timeouts.firstToken().toMillis(), timeouts.total().toMillis());
        long totalMillis = timeouts.total().toMillis();
        // the deadlines are cancelled when the call ends (each timer is dropped once its future completes)
        http.deadline(firstToken, firstTokenMillis).whenComplete((ignored, failure) -> {
            if (failure instanceof TimeoutException) {
                fail(http.timeout("no first token within " + firstTokenMillis + " ms"));
            }
        });
        http.deadline(total, totalMillis).whenComplete((ignored, failure) -> {
            if (failure instanceof TimeoutException) {
                fail(http.timeout("stream not finished within " + totalMillis + " ms"));
            }
        });
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                fail(HttpErrors.fromTransport(http.providerId(), failure));
            } else if (response.code() >= 300) {
                refuse(response);
            } else {
                response.byteBody().toByteArrayPublisher().subscribe(this);
            }
        });
        return result;
    }

    /** Reads the refusal's body (its message says why) and fails with the vendor's status. */
    private void refuse(ByteBodyHttpResponse<?> response) {
        String retryAfter = response.getHeaders().get("Retry-After");
        response.byteBody().buffer().whenComplete((buffered, failure) -> {
            byte[] bytes = null;
            if (buffered != null) {
                try (buffered) {
                    bytes = buffered.toByteArray();
                }
                if (bytes.length > MAX_ERROR_BODY) {
                    bytes = Arrays.copyOf(bytes, MAX_ERROR_BODY);
                }
            }
            fail(http.vendorRefusal(response.code(), retryAfter, bytes));
        });
    }

    @Override
    void line(String line) {
        if (stopped) {
            return;
        }
        LineHandler.Next next;
        try {
            next = handler.onLine(line);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (next == LineHandler.Next.TOKEN) {
            firstTokenArrived();
        } else if (next == LineHandler.Next.DONE) {
            stop();
        }
    }

    /** Switches from the first-token deadline to the total one. */
    void firstTokenArrived() {
        firstToken.complete(null);
    }

    /**
     * Ends the call as complete and hands no more lines on; the rest of the body is drained for a short grace so its
     * connection can go back to the pool.
     */
    void stop() {
        stopped = true;
        finish();
        http.schedule(this::release, DRAIN_GRACE_MILLIS); // a body that does not end soon after the answer is cut off
    }

    @Override
    void end() {
        release(); // read to its end: the connection goes back to the pool
        finish();
    }

    @Override
    void failed(Throwable failure) {
        fail(HttpErrors.fromTransport(http.providerId(), failure));
    }

    private void finish() {
        result.complete(null);
        firstToken.complete(null);
        total.complete(null);
    }

    private void fail(Throwable failure) {
        stopped = true;
        if (result.completeExceptionally(failure)) {
            cancel();
        }
        release();
        firstToken.complete(null);
        total.complete(null);
    }

    /** Closes the exchange once: a body read to its end leaves its connection to the pool, an unread one closes it. */
    private void release() {
        Exchange current = exchange;
        if (current != null && released.compareAndSet(false, true)) {
            current.close();
        }
    }
}
