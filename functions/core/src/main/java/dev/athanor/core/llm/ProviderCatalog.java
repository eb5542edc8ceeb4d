package dev.athanor.core.llm;

import dev.athanor.llm.ProviderClients;
import dev.athanor.llm.config.EnvironmentProviders;
import dev.athanor.llm.sandbox.SandboxProvider;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.providers.ProviderRegistration;
import dev.athanor.model.providers.ProviderRepository;
import dev.athanor.model.settings.SettingsRepository;
import dev.athanor.model.settings.TeamSettings;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The providers a team's LLM calls may use, in order: the team's enabled registered providers (by id), then the
 * operator's environment providers whose id the team has not taken, and the offline sandbox only when there is
 * nothing else. The team's active provider (the team setting {@code llm_provider}, in functions given the
 * settings table) moves to the front, so calls that name no provider try it first; naming the sandbox makes it
 * usable next to the others. A registered provider may take its key from an allowed environment variable
 * ({@link ProviderKeyVariables}). This is on the path of every LLM call, so the team's registry and active provider
 * are read together and cached per team for {@code athanor.llm.registry-cache-ttl} (5 s by default) and clients are
 * kept until their configuration changes; callers that must not block keep using a stale read (up to
 * {@code athanor.llm.registry-max-stale}, 60 s) while one background read refreshes it. Functions without the providers table use the environment
 * providers alone.
 */
@Singleton
public class ProviderCatalog {

    public static final String SANDBOX_ID = "sandbox";
    // declares the one model it serves, so listings show it as they show a configured provider's models
    static final ProviderConfig SANDBOX = new ProviderConfig(SANDBOX_ID, ProviderKind.SANDBOX, null, null,
            List.of(SandboxProvider.MODEL), Map.of(), null);

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCatalog.class);

    /**
     * One of a team's providers and where it comes from ({@link ProviderDescription#TEAM}, {@code ENVIRONMENT} or
     * {@code BUILTIN}). The config carries the plain API key: use it to build a client in this process, never show it.
     * A team's provider is always guarded: its base URL is a user's.
     */
    public record Entry(ProviderConfig config, String source) {

        public Entry {
            if (ProviderDescription.TEAM.equals(source)) {
                config = config.guardedCopy();
            }
        }
    }

    /** A team's enabled registrations (keys resolved) and active provider id (null: none), as read at loadedAt. */
    private record CachedTeam(long loadedAt, List<Versioned<ProviderConfig>> configs, String preferred) {
    }

    private static final CachedTeam NOTHING_REGISTERED = new CachedTeam(0, List.of(), null);

    private record Built(ProviderConfig config, LlmProvider client) {
    }

    private final ProviderClients clients;
    private final List<ProviderConfig> environment;
    private final ProviderRepository repository;
    private final SettingsRepository settings;
    private final ProviderKeyVariables keys;
    private final long ttlNanos;
    private final long maxStaleNanos;
    private final LongSupplier ticker;
    private final Map<TeamId, CachedTeam> teams = new ConcurrentHashMap<>();
    // keyed by source and id (team providers also by team); a changed configuration replaces the client
    private final Map<String, Built> built = new ConcurrentHashMap<>();
    private final BackgroundRefresh refreshes = new BackgroundRefresh();

    /** A catalog that knows no active provider and reads no key from the environment. */
    public ProviderCatalog(ProviderClients clients, EnvironmentProviders environment,
                           @Nullable ProviderRepository repository, LlmConfiguration configuration) {
        this(clients, environment, repository, configuration, null, ProviderKeyVariables.NONE);
    }

    @Inject
    public ProviderCatalog(ProviderClients clients, EnvironmentProviders environment,
                           @Nullable ProviderRepository repository, LlmConfiguration configuration,
                           @Nullable SettingsRepository settings, ProviderKeyVariables keys) {
        this(clients, environment, repository, configuration, settings, keys, System::nanoTime);
    }

    /** @param ticker the time in nanoseconds the cache period is measured on (a test's own clock) */
    ProviderCatalog(ProviderClients clients, EnvironmentProviders environment,
                    @Nullable ProviderRepository repository, LlmConfiguration configuration,
                    @Nullable SettingsRepository settings, ProviderKeyVariables keys, LongSupplier ticker) {
        this.ticker = ticker;
        this.clients = clients;
        this.environment = environment.configs();
        this.repository = repository;
        this.settings = settings;
        this.keys = keys;
        this.ttlNanos = configuration.getRegistryCacheTtl().toNanos();
        this.maxStaleNanos = configuration.getRegistryMaxStale().toNanos();
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
        return entries(team).stream().map(ProviderCatalog::description).toList();
    }

    /** The provider calls that name none try first: the team's active provider when usable, else the first one. */
    public ProviderDescription active(TeamId team) {
        return description(entries(team).get(0));
    }

    /** The operator's environment providers, whether or not a team's registration of the same id hides them. */
    public List<Entry> environment() {
        return environment.stream().map(config -> new Entry(config, ProviderDescription.ENVIRONMENT)).toList();
    }

    /**
     * The team's provider {@code id} read afresh, enabled or not: its registration, else the environment provider,
     * else the sandbox; empty when the team has none of that id.
     */
    public Optional<Entry> find(TeamId team, String id) {
        boolean registrable = repository != null && ProviderRegistration.ID.matcher(id).matches();
        Optional<ProviderConfig> registered = registrable ? repository.config(team, id) : Optional.empty();
        if (registered.isPresent()) {
            return Optional.of(new Entry(keys.withKey(registered.get()), ProviderDescription.TEAM));
        }
        for (ProviderConfig config : environment) {
            if (config.id().equals(id)) {
                return Optional.of(new Entry(config, ProviderDescription.ENVIRONMENT));
            }
        }
        return SANDBOX_ID.equals(id) ? Optional.of(new Entry(SANDBOX, ProviderDescription.BUILTIN)) : Optional.empty();
    }

    /**
     * {@link #providers} when they can be given from memory (there is no registry, or the team's registry read is
     * cached, and every client is built); null when that would need a store read or a new client. A read stale by
     * less than one more period is still used while {@code blocking} reads the registry again. Callers that must
     * not block ask this first.
     */
    public List<LlmProvider> providersInMemory(TeamId team, Executor blocking) {
        CachedTeam registered = readsTeams() ? usableRead(team, blocking) : NOTHING_REGISTERED;
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

    /** Forgets the team's cached registry read; call after changing its providers or active one in this process. */
    public void invalidate(TeamId team) {
        teams.remove(team);
    }

    private List<Entry> entries(TeamId team) {
        return entries(readsTeams() ? registered(team) : NOTHING_REGISTERED);
    }

    private List<Entry> entries(CachedTeam read) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Versioned<ProviderConfig> registered : read.configs()) {
            entries.put(registered.value().id(), new Entry(registered.value(), ProviderDescription.TEAM));
        }
        for (ProviderConfig config : environment) {
            entries.putIfAbsent(config.id(), new Entry(config, ProviderDescription.ENVIRONMENT));
        }
        if (entries.isEmpty() || SANDBOX_ID.equals(read.preferred())) {
            entries.putIfAbsent(SANDBOX_ID, new Entry(SANDBOX, ProviderDescription.BUILTIN));
        }
        Entry active = read.preferred() == null ? null : entries.remove(read.preferred());
        List<Entry> ordered = new ArrayList<>(entries.size() + 1);
        if (active != null) {
            ordered.add(active);
        }
        ordered.addAll(entries.values());
        return List.copyOf(ordered);
    }

    /** Whether there is anything per team to read: registrations, or an active provider. */
    private boolean readsTeams() {
        return repository != null || settings != null;
    }

    private CachedTeam registered(TeamId team) {
        CachedTeam cached = teams.get(team);
        if (cached != null && ticker.getAsLong() - cached.loadedAt() < ttlNanos) {
            return cached;
        }
        CachedTeam read = read(team);
        teams.put(team, read);
        forgetRemoved(team, read.configs());
        return read;
    }

    private CachedTeam read(TeamId team) {
        List<Versioned<ProviderConfig>> configs = repository == null ? List.of() : repository.enabledConfigs(team)
                .stream().map(registered -> new Versioned<>(keys.withKey(registered.value()), registered.version()))
                .toList();
        String preferred = settings == null ? null : settings.find(team, TeamSettings.SCOPE)
                .map(values -> values.value().get(TeamSettings.LLM_PROVIDER))
                .filter(id -> !id.isBlank()).orElse(null);
        return new CachedTeam(ticker.getAsLong(), configs, preferred);
    }

    /** The cached read while within the cache period or, refreshed in the background, up to max-stale; else null. */
    private CachedTeam usableRead(TeamId team, Executor blocking) {
        CachedTeam cached = teams.get(team);
        if (cached == null) {
            return null;
        }
        return refreshes.usable(team, ticker.getAsLong() - cached.loadedAt(), ttlNanos, maxStaleNanos, blocking,
                () -> refresh(team, cached)) ? cached : null;
    }

    /** Reads the team's registry again, unless its entry changed since {@code seen} (invalidated or reread). */
    private void refresh(TeamId team, CachedTeam seen) {
        CachedTeam read = read(team);
        if (teams.replace(team, seen, read)) {
            forgetRemoved(team, read.configs());
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

    private static ProviderDescription description(Entry entry) {
        return new ProviderDescription(entry.config().id(), entry.config().kind(), entry.source(),
                configured(entry.config()), entry.config().models());
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
