package dev.athanor.core.llm;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ModelInfo;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Which of a team's providers serve a model id. A caller may name a provider explicitly ({@code provider/model});
 * otherwise every provider listing the id serves it, in the catalog's order (the first is tried first, the rest are
 * fallbacks). Model lists are cached per client so routing costs no vendor call; a provider that cannot list its
 * models keeps its last known list. Callers that must not block keep using a list stale by less than one more
 * period while one background call lists the models again.
 */
@Singleton
public class ModelDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDirectory.class);
    private static final Duration LIST_TTL = Duration.ofMinutes(5);
    private static final Duration FAILED_LIST_TTL = Duration.ofSeconds(15);

    /** A model as listed: its id and the provider serving it. */
    public record ListedModel(String id, String providerId) {
    }

    /** A list as read at {@code readAt}, fresh for {@code ttl}. */
    private record CachedList(List<String> ids, Instant readAt, Duration ttl) {

        long ageNanos(Instant now) {
            return Duration.between(readAt, now).toNanos();
        }
    }

    private final ProviderCatalog catalog;
    private final Clock clock;
    // weak keys: a client the catalog replaced (its registration changed) drops out with its list
    private final Map<LlmProvider, CachedList> lists = Collections.synchronizedMap(new WeakHashMap<>());
    private final BackgroundRefresh refreshes = new BackgroundRefresh();

    public ModelDirectory(ProviderCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Every model the team can call, each once (the first provider listing it names it). */
    public List<ListedModel> list(TeamId team) {
        Map<String, ListedModel> models = new LinkedHashMap<>();
        for (LlmProvider provider : catalog.providers(team)) {
            for (String id : modelIds(provider)) {
                models.putIfAbsent(id, new ListedModel(id, provider.id()));
            }
        }
        return List.copyOf(models.values());
    }

    /** The routes for a model id, in the order to try them; 404 naming the available models when none. */
    public List<Route> routes(TeamId team, String model) {
        return routes(catalog.providers(team), model, this::modelIds);
    }

    private static List<Route> routes(List<LlmProvider> providers, String model,
                                      Function<LlmProvider, List<String>> modelIds) {
        int slash = model.indexOf('/');
        if (slash > 0) {
            String providerId = model.substring(0, slash);
            for (LlmProvider provider : providers) {
                if (provider.id().equals(providerId)) {
                    return List.of(new Route(provider, model.substring(slash + 1)));
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        Set<String> available = new LinkedHashSet<>();
        for (LlmProvider provider : providers) {
            List<String> ids = modelIds.apply(provider);
            if (ids.contains(model)) {
                routes.add(new Route(provider, model));
            }
            available.addAll(ids);
        }
        if (routes.isEmpty()) {
            throw new NotFoundException("Invalid model name '" + model + "'. Available models: "
                    + (available.isEmpty() ? "none" : String.join(", ", available)));
        }
        return routes;
    }

    /**
     * {@link #routes} for callers that must not block: answered at once when the catalog and every model list are
     * in memory (stale ones are refreshed on the blocking executor meanwhile), otherwise worked out on the blocking
     * executor (a registry read, a model list call). A model nobody serves completes exceptionally with the same 404.
     */
    public CompletableFuture<List<Route>> routesAsync(TeamId team, String model, Executor blocking) {
        List<LlmProvider> providers = catalog.providersInMemory(team, blocking);
        Map<LlmProvider, List<String>> known = providers == null ? null : listsInMemory(providers, blocking);
        if (known == null) {
            return CompletableFuture.supplyAsync(() -> routes(team, model), blocking);
        }
        try {
            return CompletableFuture.completedFuture(routes(providers, model, known::get));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Each provider's usable model list, or null when any is missing or too old to use while it is refreshed. */
    private Map<LlmProvider, List<String>> listsInMemory(List<LlmProvider> providers, Executor blocking) {
        Instant now = clock.instant();
        Map<LlmProvider, List<String>> known = new HashMap<>();
        for (LlmProvider provider : providers) {
            CachedList cached = lists.get(provider);
            if (cached == null || !refreshes.usable(provider, cached.ageNanos(now), cached.ttl().toNanos(),
                    2 * cached.ttl().toNanos(), blocking, () -> modelIds(provider))) {
                return null;
            }
            known.put(provider, cached.ids());
        }
        return known;
    }

    /** The provider's cached list if it has not expired, else null. */
    private CachedList fresh(LlmProvider provider, Instant now) {
        CachedList cached = lists.get(provider);
        return cached != null && cached.ageNanos(now) < cached.ttl().toNanos() ? cached : null;
    }

    private List<String> modelIds(LlmProvider provider) {
        Instant now = clock.instant();
        CachedList fresh = fresh(provider, now);
        if (fresh != null) {
            return fresh.ids();
        }
        CachedList cached = lists.get(provider);
        try {
            List<String> ids = provider.models().stream().map(ModelInfo::id).toList();
            lists.put(provider, new CachedList(ids, now, LIST_TTL));
            return ids;
        } catch (RuntimeException e) {
            LOG.warn("Provider {} could not list its models: {}", provider.id(), e.getMessage());
            List<String> lastKnown = cached == null ? List.of() : cached.ids();
            lists.put(provider, new CachedList(lastKnown, now, FAILED_LIST_TTL));
            return lastKnown;
        }
    }
}
