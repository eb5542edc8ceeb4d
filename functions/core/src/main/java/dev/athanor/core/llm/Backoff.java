package dev.athanor.core.llm;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Waits between attempts: exponential with equal jitter, or the vendor's Retry-After when it asked for longer. */
@Singleton
public class Backoff {

    private final RouterConfiguration config;

    public Backoff(RouterConfiguration config) {
        this.config = config;
    }

    /** The wait before attempt {@code attempt + 1}; empty when the vendor asked for longer than we will wait. */
    public Optional<Duration> before(int nextAttempt, Optional<Duration> retryAfter) {
        long ceiling = Math.min(config.getMaxBackoff().toMillis(),
                config.getInitialBackoff().toMillis() << Math.min(nextAttempt - 2, 20));
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            if (asked.compareTo(config.getMaxRetryAfter()) > 0) {
                return Optional.empty();
            }
            return Optional.of(asked.toMillis() > jittered ? asked : Duration.ofMillis(jittered));
        }
        return Optional.of(Duration.ofMillis(jittered));
    }

    /**
     * Completes after the given wait, on the executor, holding no thread meanwhile; a separate method so tests can
     * record waits instead of waiting.
     */
    public CompletableFuture<Void> delay(Duration wait, Executor executor) {
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, executor));
    }
}
