package dev.athanor.llm.http;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a response body into lines (ended by LF, CR or CRLF, also across chunks) as its chunks arrive, on the
 * client's event loop, and hands each line on. A last line without an end is handed on at the end of the body.
 */
abstract class LineFeed implements Subscriber<byte[]> {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private volatile Subscription subscription;
    private boolean afterCr;

    /** One line without its end (possibly empty). */
    abstract void line(String line);

    /** The body ended; every line has been handed on. */
    abstract void end();

    /** The body broke off. */
    abstract void failed(Throwable failure);

    /** Stops reading: the body is not read to its end. */
    final void cancel() {
        Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public final void onSubscribe(Subscription s) {
        subscription = s;
        // vendor replies are small next to memory; taking them as they come keeps the exchange simple and fast
        s.request(Long.MAX_VALUE);
    }

    @Override
    public final void onNext(byte[] chunk) {
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
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        line(text);
    }

    @Override
    public final void onError(Throwable failure) {
        failed(failure);
    }

    @Override
    public final void onComplete() {
        if (pending.size() > 0) {
            emit();
        }
        end();
    }
}
