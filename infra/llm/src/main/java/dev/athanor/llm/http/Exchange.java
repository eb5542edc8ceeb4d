package dev.athanor.llm.http;

import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.client.RawHttpClient;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.concurrent.CompletableFuture;

/**
 * One raw exchange as a future of its response head (the body streams behind it). Completes on the thread that read
 * the head; cancelling the future before then aborts the request. {@link #close()} releases whatever the exchange
 * holds.
 */
final class Exchange extends CompletableFuture<ByteBodyHttpResponse<?>> implements Subscriber<HttpResponse<?>> {

    private volatile Subscription subscription;

    static Exchange start(RawHttpClient client, HttpRequest<?> request, CloseableByteBody body) {
        Exchange exchange = new Exchange();
        client.exchange(request, body, null).subscribe(exchange);
        return exchange;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        if (isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(HttpResponse<?> head) {
        ByteBodyHttpResponse<?> response = (ByteBodyHttpResponse<?>) head; // what a raw client answers
        if (!complete(response)) {
            response.close(); // nobody waits for it any more
        }
    }

    /**
     * Aborts the request if its head has not arrived, otherwise closes the response: a body read to its end leaves
     * the connection to the pool, an unread one closes it.
     */
    void close() {
        if (!cancel(true) && !isCompletedExceptionally()) {
            join().close();
        }
    }

    @Override
    public void onError(Throwable failure) {
        completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        if (!isDone()) {
            completeExceptionally(new IllegalStateException("exchange ended without a response"));
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Subscription s = subscription;
        if (cancelled && s != null) {
            s.cancel();
        }
        return cancelled;
    }
}
