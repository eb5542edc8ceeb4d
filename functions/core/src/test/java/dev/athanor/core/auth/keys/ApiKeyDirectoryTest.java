package dev.athanor.core.auth.keys;

import dev.athanor.model.TeamId;
import dev.athanor.model.keys.ApiKey;
import dev.athanor.model.keys.ApiKeyStore;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.testkit.MovableClockFactory.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyDirectoryTest {

    private final MovableClock clock = new MovableClock();
    private final ApiKey key = new ApiKey("k1", new TeamId("team"), "ci", "member", "user", Instant.now(), null, null,
            null, null, null, null, null, "hash", 1L);

    /** A table whose reads wait until the test lets them answer, counting them. */
    private static final class SlowStore implements ApiKeyStore {
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);
        volatile Optional<ApiKey> stored = Optional.empty();
        volatile RuntimeException failure;

        @Override
        public Optional<ApiKey> find(String keyId) {
            reads.incrementAndGet();
            reading.countDown();
            try {
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return stored;
        }

        @Override
        public ApiKey create(ApiKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<ApiKey> list(TeamId team, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ApiKey> revoke(TeamId team, String keyId, Instant at) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void callers_finding_a_key_stale_together_wait_for_one_read_of_the_table() throws Exception {
        SlowStore store = new SlowStore();
        store.stored = Optional.of(key);
        ApiKeyDirectory directory = new ApiKeyDirectory(store, new ApiKeyConfiguration(), clock);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<ApiKey>>> found = new ArrayList<>();
            found.add(callers.submit(() -> directory.find("k1")));
            assertTrue(store.reading.await(30, TimeUnit.SECONDS));
            for (int i = 0; i < 7; i++) {
                found.add(callers.submit(() -> directory.find("k1")));
            }
            // the seven find the id uncached while the first read is under way, or cached once it has ended
            store.answer.countDown();
            for (Future<Optional<ApiKey>> each : found) {
                assertSame(key, each.get(30, TimeUnit.SECONDS).orElseThrow());
            }
            assertEquals(1, store.reads.get(), "one read for all the callers");
            assertTrue(directory.isFresh("k1"));

            clock.advance(Duration.ofSeconds(6));
            assertFalse(directory.isFresh("k1"), "past cache-ttl the key is read again");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_failed_read_fails_every_caller_waiting_for_it_and_the_next_caller_reads_again() throws Exception {
        SlowStore store = new SlowStore();
        store.failure = new IllegalStateException("table unavailable");
        ApiKeyDirectory directory = new ApiKeyDirectory(store, new ApiKeyConfiguration(), clock);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<ApiKey>> first = callers.submit(() -> directory.find("k1"));
            assertTrue(store.reading.await(30, TimeUnit.SECONDS));
            Future<Optional<ApiKey>> second = callers.submit(() -> directory.find("k1"));
            store.answer.countDown();
            for (Future<Optional<ApiKey>> each : List.of(first, second)) {
                Exception failed = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> each.get(30, TimeUnit.SECONDS));
                assertSame(store.failure, failed.getCause(), "the store's own exception, not a wrapper");
            }
            store.failure = null;
            store.stored = Optional.of(key);
            assertSame(key, directory.find("k1").orElseThrow());
        } finally {
            callers.shutdownNow();
        }
    }
}
