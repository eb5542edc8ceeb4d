package dev.athanor.core.llm;

import dev.athanor.model.TeamId;
import dev.athanor.model.llm.BreakerSnapshot;
import dev.athanor.model.llm.CircuitBreakerStore;
import dev.athanor.model.llm.CircuitState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * One circuit breaker per (team, provider), its state shared through the {@link CircuitBreakerStore} so every
 * instance agrees. Reads are cached for {@code stateCacheTtl} so a healthy provider costs no store call per request;
 * only failures and recoveries write. A closed circuit whose read has gone stale (up to {@code stateMaxStale}) still
 * lets calls through while one background read refreshes it, so neither a busy instance when the period ends nor one
 * that sat idle between invocations stalls a request on the store.
 */
@Singleton
public class CircuitBreakers {

    /** What a caller may do now. */
    public enum Permit {
        /** The circuit is closed: call. */
        CALL,
        /** This caller won the half-open probe: call, and the outcome decides the circuit. */
        PROBE,
        /** The circuit is open: do not call. */
        REJECT
    }

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakers.class);

    private record Cached(BreakerSnapshot snapshot, Instant readAt) {
    }

    private final CircuitBreakerStore store;
    private final RouterConfiguration config;
    private final List<BreakerListener> listeners;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final BackgroundRefresh refreshes = new BackgroundRefresh();

    @Inject
    public CircuitBreakers(CircuitBreakerStore store, RouterConfiguration config, List<BreakerListener> listeners,
                           Clock clock) {
        this.store = store;
        this.config = config;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    public CircuitBreakers(CircuitBreakerStore store, RouterConfiguration config, Clock clock) {
        this(store, config, List.of(), clock);
    }

    /**
     * {@link #acquire} for callers that must not block: answered at once from the cache when the circuit is known
     * to be closed (a read stale by less than {@code stateMaxStale} is refreshed on the blocking executor meanwhile),
     * otherwise (a store read or a probe to claim) on the blocking executor.
     */
    public CompletableFuture<Permit> acquireAsync(TeamId team, String breaker, Executor blocking) {
        String key = cacheKey(team, breaker);
        Cached cached = cache.get(key);
        if (cached != null && cached.snapshot().state() == CircuitState.CLOSED
                && refreshes.usable(key, Duration.between(cached.readAt(), clock.instant()).toNanos(),
                config.getStateCacheTtl().toNanos(), config.getStateMaxStale().toNanos(), blocking,
                () -> refresh(team, breaker, cached))) {
            return CompletableFuture.completedFuture(Permit.CALL);
        }
        return CompletableFuture.supplyAsync(() -> acquire(team, breaker), blocking);
    }

    /** Reads the shared state again, unless this instance changed it since {@code seen} (its write is newer). */
    private void refresh(TeamId team, String breaker, Cached seen) {
        BreakerSnapshot read = store.read(team, breaker);
        cache.replace(cacheKey(team, breaker), seen, new Cached(read, clock.instant()));
    }

    /** {@link #onSuccess} without blocking: done at once when there is nothing to record (the common case). */
    public CompletableFuture<Void> onSuccessAsync(TeamId team, String breaker, Executor blocking) {
        if (nothingToRecord(team, breaker)) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> onSuccess(team, breaker), blocking);
    }

    /** {@link #onFailure} without blocking: the store write runs on the blocking executor. */
    public CompletableFuture<Void> onFailureAsync(TeamId team, String breaker, Executor blocking) {
        return CompletableFuture.runAsync(() -> onFailure(team, breaker), blocking);
    }

    public Permit acquire(TeamId team, String breaker) {
        Instant now = clock.instant();
        BreakerSnapshot seen = current(team, breaker, now);
        if (seen.state() == CircuitState.CLOSED) {
            return Permit.CALL;
        }
        // open: wait out the cooldown; half-open: a probe that has not reported within a cooldown is presumed lost
        if (now.isBefore(seen.changedAt().plus(config.getCooldown()))) {
            return Permit.REJECT;
        }
        if (store.tryProbe(team, breaker, seen, now)) {
            cache.put(cacheKey(team, breaker), new Cached(new BreakerSnapshot(CircuitState.HALF_OPEN,
                    seen.failures(), now, seen.lastFailureAt()), now));
            return Permit.PROBE;
        }
        cache.remove(cacheKey(team, breaker));
        return Permit.REJECT;
    }

    public void onSuccess(TeamId team, String breaker) {
        if (nothingToRecord(team, breaker)) {
            return;
        }
        Cached before = cache.get(cacheKey(team, breaker));
        store.recordSuccess(team, breaker);
        Instant now = clock.instant();
        cache.put(cacheKey(team, breaker), new Cached(BreakerSnapshot.CLOSED, now));
        if (before != null && before.snapshot().state() != CircuitState.CLOSED) {
            tell(team, breaker, before.snapshot().state(), CircuitState.CLOSED, now);
        }
    }

    private boolean nothingToRecord(TeamId team, String breaker) {
        Cached cached = cache.get(cacheKey(team, breaker));
        return cached != null && cached.snapshot().state() == CircuitState.CLOSED && cached.snapshot().failures() == 0;
    }

    /** Counts a failure that says the provider is unhealthy (not a caller's mistake). */
    public void onFailure(TeamId team, String breaker) {
        Instant now = clock.instant();
        Cached before = cache.get(cacheKey(team, breaker));
        BreakerSnapshot after = store.recordFailure(team, breaker, config.getFailureThreshold(), now);
        cache.put(cacheKey(team, breaker), new Cached(after, now));
        // this failure opened it: the store stamped the change with this call's time, and it was not open before
        boolean wasOpen = before != null && before.snapshot().state() == CircuitState.OPEN
                && before.snapshot().changedAt().equals(after.changedAt());
        if (after.state() == CircuitState.OPEN && !wasOpen && after.changedAt().toEpochMilli() == now.toEpochMilli()) {
            tell(team, breaker, before == null ? CircuitState.CLOSED : before.snapshot().state(), CircuitState.OPEN,
                    after.changedAt());
        }
    }

    private void tell(TeamId team, String breaker, CircuitState from, CircuitState to, Instant at) {
        for (BreakerListener listener : listeners) {
            try {
                listener.changed(team, breaker, from, to, at);
            } catch (RuntimeException e) {
                LOG.warn("Breaker listener {} failed on {} {} -> {}", listener.getClass().getSimpleName(), breaker,
                        from, to, e);
            }
        }
    }

    /** The state as this instance currently believes it, for listings. */
    public BreakerSnapshot state(TeamId team, String breaker) {
        return current(team, breaker, clock.instant());
    }

    private BreakerSnapshot current(TeamId team, String breaker, Instant now) {
        String key = cacheKey(team, breaker);
        Cached cached = fresh(key, now);
        if (cached != null) {
            return cached.snapshot();
        }
        BreakerSnapshot read = store.read(team, breaker);
        cache.put(key, new Cached(read, now));
        return read;
    }

    /** The cached state if it was read within the cache period, else null. */
    private Cached fresh(String key, Instant now) {
        Cached cached = cache.get(key);
        return cached != null && now.isBefore(cached.readAt().plus(config.getStateCacheTtl())) ? cached : null;
    }

    private static String cacheKey(TeamId team, String breaker) {
        return team.value() + '/' + breaker;
    }
}
