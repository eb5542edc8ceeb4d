package dev.athanor.core.llm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Refreshes cached state behind the requests that use it: at most one refresh per key runs at a time, so a cache
 * entry going stale under load costs one store read instead of one per request in flight. A failed refresh is
 * logged; the next request that finds the entry stale starts another.
 */
final class BackgroundRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRefresh.class);

    private final Set<Object> running = ConcurrentHashMap.newKeySet();

    /**
     * Whether cached state of this age may serve a caller that must not block: while it is fresh (younger than
     * {@code ttlNanos}), and then while {@code refresh} runs behind it, up to {@code maxStaleNanos}. Older state may
     * not.
     */
    boolean usable(Object key, long ageNanos, long ttlNanos, long maxStaleNanos, Executor executor, Runnable refresh) {
        if (ageNanos < ttlNanos) {
            return true;
        }
        if (ageNanos >= Math.max(ttlNanos, maxStaleNanos)) {
            return false;
        }
        start(key, executor, refresh);
        return true;
    }

    private void start(Object key, Executor executor, Runnable refresh) {
        if (!running.add(key)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    refresh.run();
                } catch (RuntimeException e) {
                    LOG.warn("Refreshing {} failed: {}", key, e.getMessage());
                } finally {
                    running.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(key);
        }
    }
}
