package dev.athanor.llm.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.client.RawHttpClient;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.concurrent.CompletableFuture;

/**
 * One raw exchange as a future of its response head (the body streams behind it). Completes on the thread that read
 * the head; cancelling the future before then aborts the request.
 */
final class Exchange extends CompletableFuture<HttpResponse<?>> implements Subscriber<HttpResponse<?>> {

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
    public void onNext(HttpResponse<?> response) {
        if (!complete(response) && response instanceof AutoCloseable closeable) {
            try {
                closeable.close(); // nobody waits for it any more
            } catch (Exception ignored) {
                // already released
            }
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
