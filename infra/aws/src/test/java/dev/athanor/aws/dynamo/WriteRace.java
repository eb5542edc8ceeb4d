package dev.athanor.aws.dynamo;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Loses a race on purpose: installed on a client, it runs a competing write just before the next request of that
 * client that matches, once. A read-then-write is thus interleaved with another writer without any timing.
 */
public final class WriteRace implements ExecutionInterceptor {

    private record Armed(Predicate<SdkRequest> when, Runnable competitor) {
    }

    private final AtomicReference<Armed> armed = new AtomicReference<>();

    public void before(Predicate<SdkRequest> when, Runnable competitor) {
        armed.set(new Armed(when, competitor));
    }

    /** Whether the competing write has run since {@link #before}. */
    public boolean ran() {
        return armed.get() == null;
    }

    public void reset() {
        armed.set(null);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Armed current = armed.get();
        if (current != null && current.when().test(context.request()) && armed.compareAndSet(current, null)) {
            current.competitor().run();
        }
    }
}
