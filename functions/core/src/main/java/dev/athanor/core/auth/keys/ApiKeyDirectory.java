package dev.athanor.core.auth.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.keys.ApiKey;
import dev.athanor.model.keys.ApiKeyStore;
import dev.athanor.model.keys.ApiKeyText;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds API keys by id for authentication and for the limits of each call, remembering what it read for
 * {@code cache-ttl} (an unknown id for {@code negative-cache-ttl}), so a busy key costs no table read per call and
 * a revoked key stops working on every instance within {@code cache-ttl}. Time comes from the {@link Clock} bean.
 * In a function not given the keys table, no key exists.
 */
@Singleton
public class ApiKeyDirectory {

    private record Entry(Optional<ApiKey> key, Instant until) {
    }

    @Nullable
    private final ApiKeyStore store;
    private final ApiKeyConfiguration configuration;
    private final Clock clock;
    private final Cache<String, Entry> cache;
    private final Map<String, CompletableFuture<Optional<ApiKey>>> reads = new ConcurrentHashMap<>();

    public ApiKeyDirectory(@Nullable ApiKeyStore store, ApiKeyConfiguration configuration, Clock clock) {
        this.store = store;
        this.configuration = configuration;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(configuration.getMaxCached()).build();
    }

    /** Whether {@link #find} would answer from memory: then no blocking read is needed. */
    public boolean isFresh(String keyId) {
        return fresh(keyId) != null;
    }

    /**
     * The key with this id as last read (within the cache time), or empty when there is none. May read the table:
     * once for all the callers that find the same id stale at the same time (a busy instance back from an idle spell
     * gets many at once), the others waiting for that read.
     */
    public Optional<ApiKey> find(String keyId) {
        Entry entry = fresh(keyId);
        if (entry != null) {
            return entry.key();
        }
        CompletableFuture<Optional<ApiKey>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<ApiKey>> running = reads.putIfAbsent(keyId, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            // a read that ended between this caller's look at the cache and its claim has left a fresh entry
            Entry left = fresh(keyId);
            Optional<ApiKey> key = left != null ? left.key() : read(keyId);
            mine.complete(key);
            return key;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reads.remove(keyId, mine);
        }
    }

    /** The cached entry while within its cache time, else null. */
    @Nullable
    private Entry fresh(String keyId) {
        Entry entry = cache.getIfPresent(keyId);
        return entry != null && clock.instant().isBefore(entry.until()) ? entry : null;
    }

    private Optional<ApiKey> read(String keyId) {
        Instant now = clock.instant();
        Optional<ApiKey> key = store == null ? Optional.empty() : store.find(keyId);
        Instant until = now.plus(key.isPresent() ? configuration.getCacheTtl() : configuration.getNegativeCacheTtl());
        if (until.isAfter(now)) {
            cache.put(keyId, new Entry(key, until));
        }
        return key;
    }

    /** Forgets a key, so this instance sees a change it made itself at once (others within the cache time). */
    public void forget(String keyId) {
        cache.invalidate(keyId);
    }

    /**
     * The principal a presented key stands for: its team and role, its id as subject and key, the account that
     * created it as user. Empty for a malformed, unknown, revoked or expired key or a wrong secret.
     */
    public Optional<TeamPrincipal> authenticate(String presented) {
        Optional<ApiKeyText.Parsed> parsed = ApiKeyText.parse(presented);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApiKey> key = find(parsed.get().keyId());
        if (key.isEmpty() || !ApiKeyText.matches(key.get().secretHash(), parsed.get().secret())
                || !key.get().activeAt(clock.instant())) {
            return Optional.empty();
        }
        ApiKey found = key.get();
        return Optional.of(new TeamPrincipal(found.team(), found.role(), found.id(), found.createdBy(), found.id()));
    }
}
