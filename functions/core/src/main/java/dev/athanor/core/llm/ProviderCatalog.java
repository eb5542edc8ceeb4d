package dev.athanor.core.llm;

import dev.athanor.llm.ProviderClients;
import dev.athanor.llm.config.EnvironmentProviders;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.providers.ProviderRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The providers a team's LLM calls may use, in order: the team's enabled registered providers (by id), then the
 * operator's environment providers whose id the team has not taken, and the offline sandbox only when there is
 * nothing else. This is on the path of every LLM call, so the registry read is cached per team for
 * {@code athanor.llm.registry-cache-ttl} (5 s by default) and clients are kept until their configuration changes;
 * callers that must not block keep using a read stale by less than one more period while one background read
 * refreshes it. Functions without the providers table use the environment providers alone.
 */
@Singleton
public class ProviderCatalog {

    public static final String SANDBOX_ID = "sandbox";
    static final ProviderConfig SANDBOX = new ProviderConfig(SANDBOX_ID, ProviderKind.SANDBOX, null, null, List.of(),
            Map.of(), null);

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCatalog.class);

    private record Entry(ProviderConfig config, String source) {
    }

    private record CachedTeam(long loadedAt, List<Versioned<ProviderConfig>> configs) {
    }

    private record Built(ProviderConfig config, LlmProvider client) {
    }

    private final ProviderClients clients;
    private final List<ProviderConfig> environment;
    private final ProviderRepository repository;
    private final long ttlNanos;
    private final Map<TeamId, CachedTeam> teams = new ConcurrentHashMap<>();
    // keyed by source and id (team providers also by team); a changed configuration replaces the client
    private final Map<String, Built> built = new ConcurrentHashMap<>();
    private final BackgroundRefresh refreshes = new BackgroundRefresh();

    public ProviderCatalog(ProviderClients clients, EnvironmentProviders environment,
                           @Nullable ProviderRepository repository, LlmConfiguration configuration) {
        this.clients = clients;
        this.environment = environment.configs();
        this.repository = repository;
        this.ttlNanos = configuration.getRegistryCacheTtl().toNanos();
    }

    /** The clients to try for the team, in order of preference; the sandbox alone when nothing is configured. */
    public List<LlmProvider> providers(TeamId team) {
        List<LlmProvider> providers = new ArrayList<>();
        for (Entry entry : entries(team)) {
            LlmProvider client = client(team, entry);
            if (client != null) {
                providers.add(client);
            }
        }
        return providers;
    }

    /** The same providers as {@link #providers}, described for listings; builds no client and shows no key. */
    public List<ProviderDescription> describe(TeamId team) {
        return entries(team).stream().map(entry -> new ProviderDescription(entry.config().id(), entry.config().kind(),
                entry.source(), configured(entry.config()), entry.config().models())).toList();
    }

    /**
     * {@link #providers} when they can be given from memory (there is no registry, or the team's registry read is
     * cached, and every client is built); null when that would need a store read or a new client. A read stale by
     * less than one more period is still used while {@code blocking} reads the registry again. Callers that must
     * not block ask this first.
     */
    public List<LlmProvider> providersInMemory(TeamId team, Executor blocking) {
        List<Versioned<ProviderConfig>> registered = repository == null ? List.of() : usableConfigs(team, blocking);
        if (registered == null) {
            return null;
        }
        List<LlmProvider> providers = new ArrayList<>();
        for (Entry entry : entries(registered)) {
            LlmProvider client = builtClient(key(team, entry), entry.config());
            if (client == null) {
                return null;
            }
            providers.add(client);
        }
        return providers;
    }

    /** Forgets the team's cached registry read; call after changing its providers in this process. */
    public void invalidate(TeamId team) {
        teams.remove(team);
    }

    private List<Entry> entries(TeamId team) {
        return entries(registered(team));
    }

    private List<Entry> entries(List<Versioned<ProviderConfig>> teamProviders) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Versioned<ProviderConfig> registered : teamProviders) {
            entries.put(registered.value().id(), new Entry(registered.value(), ProviderDescription.TEAM));
        }
        for (ProviderConfig config : environment) {
            entries.putIfAbsent(config.id(), new Entry(config, ProviderDescription.ENVIRONMENT));
        }
        if (entries.isEmpty()) {
            entries.put(SANDBOX_ID, new Entry(SANDBOX, ProviderDescription.BUILTIN));
        }
        return List.copyOf(entries.values());
    }

    private List<Versioned<ProviderConfig>> registered(TeamId team) {
        if (repository == null) {
            return List.of();
        }
        List<Versioned<ProviderConfig>> cached = cachedConfigs(team);
        if (cached != null) {
            return cached;
        }
        List<Versioned<ProviderConfig>> configs = repository.enabledConfigs(team);
        teams.put(team, new CachedTeam(System.nanoTime(), configs));
        forgetRemoved(team, configs);
        return configs;
    }

    /** The team's registry read if it is within the cache period, else null. */
    private List<Versioned<ProviderConfig>> cachedConfigs(TeamId team) {
        CachedTeam cached = teams.get(team);
        return cached != null && System.nanoTime() - cached.loadedAt() < ttlNanos ? cached.configs() : null;
    }

    /** The cached read while within the cache period or, refreshed in the background, one more; else null. */
    private List<Versioned<ProviderConfig>> usableConfigs(TeamId team, Executor blocking) {
        CachedTeam cached = teams.get(team);
        if (cached == null) {
            return null;
        }
        return refreshes.usable(team, System.nanoTime() - cached.loadedAt(), ttlNanos, blocking,
                () -> refresh(team, cached)) ? cached.configs() : null;
    }

    /** Reads the team's registry again, unless its entry changed since {@code seen} (invalidated or reread). */
    private void refresh(TeamId team, CachedTeam seen) {
        List<Versioned<ProviderConfig>> configs = repository.enabledConfigs(team);
        if (teams.replace(team, seen, new CachedTeam(System.nanoTime(), configs))) {
            forgetRemoved(team, configs);
        }
    }

    /** The client built for exactly this configuration, or null. */
    private LlmProvider builtClient(String key, ProviderConfig config) {
        Built current = built.get(key);
        return current != null && current.config().equals(config) ? current.client() : null;
    }

    private LlmProvider client(TeamId team, Entry entry) {
        String key = key(team, entry);
        LlmProvider existing = builtClient(key, entry.config());
        if (existing != null) {
            return existing;
        }
        try {
            LlmProvider client = clients.create(entry.config());
            built.put(key, new Built(entry.config(), client));
            return client;
        } catch (RuntimeException e) {
            // one unusable provider must not take the others down; the config's toString hides its key
            LOG.warn("Provider {} ({}) is skipped: {}", entry.config().id(), entry.config().kind().wireName(), e.getMessage());
            return null;
        }
    }

    private void forgetRemoved(TeamId team, List<Versioned<ProviderConfig>> configs) {
        Set<String> live = new HashSet<>();
        configs.forEach(config -> live.add(teamKey(team, config.value().id())));
        String prefix = ProviderDescription.TEAM + "/" + team.value() + "/";
        built.keySet().removeIf(key -> key.startsWith(prefix) && !live.contains(key));
    }

    private static String key(TeamId team, Entry entry) {
        return entry.source().equals(ProviderDescription.TEAM) ? teamKey(team, entry.config().id())
                : entry.source() + "/" + entry.config().id();
    }

    private static String teamKey(TeamId team, String id) {
        return ProviderDescription.TEAM + "/" + team.value() + "/" + id;
    }

    private static boolean configured(ProviderConfig config) {
        return switch (config.kind()) {
            case OPENAI -> present(config.apiKey()) || present(config.baseUrl());
            case ANTHROPIC -> present(config.apiKey());
            case OLLAMA -> present(config.baseUrl());
            case BEDROCK -> present(config.option("region", null));
            case SANDBOX -> true;
        };
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
