package dev.athanor.factory.providers;

import dev.athanor.core.llm.ProviderCatalog;
import dev.athanor.core.llm.ProviderDescription;
import dev.athanor.core.llm.ProviderKeyVariables;
import dev.athanor.core.llm.ProviderRegistry;
import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.factory.settings.SettingsService;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.providers.ProviderRegistration;
import dev.athanor.model.providers.RegisteredProvider;
import dev.athanor.model.settings.TeamSettings;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The factory's view of a team's providers: the ones it registered (stored, changeable), the operator's environment
 * providers and the built-in sandbox (both read-only: changing or deleting them is a 409), and which one is active.
 * The active choice is the factory setting {@code llm_provider}, which the LLM core reads to try that provider first.
 */
@Singleton
public class ProviderService {

    static final String DEFAULT_MODEL = "default_model";
    private static final Pattern MODEL = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /** A save's outcome: the provider as stored, and whether it was new. */
    public record Saved(ProviderView provider, boolean created) {
    }

    private final ProviderRegistry registry;
    private final ProviderCatalog catalog;
    private final ProviderKeyVariables keys;
    private final OutboundUrlGuard guard;
    private final SettingsService settings;

    ProviderService(ProviderRegistry registry, ProviderCatalog catalog, ProviderKeyVariables keys,
                    OutboundUrlGuard guard, SettingsService settings) {
        this.registry = registry;
        this.catalog = catalog;
        this.keys = keys;
        this.guard = guard;
        this.settings = settings;
    }

    /** The team's registered providers (by name), then the environment's it has not replaced, then the sandbox. */
    public List<ProviderView> list(TeamId team) {
        ProviderDescription active = catalog.active(team);
        List<ProviderView> views = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RegisteredProvider provider : registry.list(team)) {
            views.add(view(provider, active));
            names.add(provider.id());
        }
        for (ProviderCatalog.Entry entry : catalog.environment()) {
            ProviderConfig config = entry.config();
            if (names.add(config.id())) {
                views.add(new ProviderView(config.id(), config.kind().wireName(), ProviderDescription.ENVIRONMENT,
                        null, null, null, config.apiKey() != null, true, isActive(active, config.id(),
                        ProviderDescription.ENVIRONMENT)));
            }
        }
        if (names.add(ProviderCatalog.SANDBOX_ID)) {
            views.add(new ProviderView(ProviderCatalog.SANDBOX_ID, ProviderKind.SANDBOX.wireName(),
                    ProviderDescription.BUILTIN, null, null, null, false, true,
                    isActive(active, ProviderCatalog.SANDBOX_ID, ProviderDescription.BUILTIN)));
        }
        return views;
    }

    /**
     * Registers a new provider.
     *
     * @throws ConflictException     when the team already has a provider of that name (of any source)
     * @throws InvalidInputException naming each offending field; nothing is stored
     */
    public ProviderView create(TeamId team, ProviderBody body) {
        String name = body.name() == null ? null : body.name().strip();
        Map<String, List<String>> errors = new TreeMap<>();
        if (name == null || name.isEmpty()) {
            throw invalid(Map.of("name", List.of("is required")));
        }
        checkName(name, errors);
        if (errors.isEmpty()) {
            readOnly(name).ifPresent(source -> {
                throw new ConflictException("Provider '" + name + "' already exists: " + source);
            });
            if (registry.find(team, name).isPresent()) {
                throw new ConflictException("Provider '" + name + "' already exists");
            }
        }
        ProviderRegistration registration = replacement(name, body, errors);
        return view(save(team, registration, errors, null), catalog.active(team));
    }

    /**
     * Creates the provider or replaces it: fields left out take their defaults, except a stored API key, which is
     * kept unless {@code api_key} or {@code api_key_env} is given. A registration may take the name of an
     * environment provider and is then used in its place; the sandbox cannot be replaced.
     */
    public Saved upsert(TeamId team, String name, ProviderBody body) {
        if (ProviderCatalog.SANDBOX_ID.equals(name)) {
            throw new ConflictException("Provider 'sandbox' is built in and cannot be changed");
        }
        Map<String, List<String>> errors = new TreeMap<>();
        checkName(name, errors);
        Optional<RegisteredProvider> current = errors.isEmpty() ? registry.find(team, name) : Optional.empty();
        ProviderRegistration registration = replacement(name, body, errors);
        Long version = current.map(RegisteredProvider::version).orElse(null);
        RegisteredProvider saved = save(team, registration, errors, version);
        return new Saved(view(saved, catalog.active(team)), current.isEmpty());
    }

    /** Changes only the fields given; "" clears base_url, default_model, api_key and api_key_env. */
    public ProviderView patch(TeamId team, String name, ProviderBody body) {
        RegisteredProvider current = registered(team, name);
        Map<String, List<String>> errors = new TreeMap<>();
        Map<String, String> options = new LinkedHashMap<>(current.options());
        if (body.defaultModel() != null) {
            put(options, DEFAULT_MODEL, body.defaultModel());
        }
        String apiKey = keySource(body, options, errors);
        String kind = body.kind() != null ? body.kind() : current.kind().wireName();
        String baseUrl = body.baseUrl() != null ? body.baseUrl() : current.baseUrl();
        Boolean enabled = body.enabled(errors);
        ProviderRegistration registration = new ProviderRegistration(name, kind, blankToNull(baseUrl), apiKey,
                current.models(), options, enabled != null ? enabled : current.enabled());
        check(registration, errors);
        return view(save(team, registration, errors, current.version()), catalog.active(team));
    }

    /** Removes a registered provider; if it was the active one, the team has no active choice any more. */
    public void delete(TeamId team, String name) {
        registered(team, name);
        if (name.equals(settings.find(team, TeamSettings.LLM_PROVIDER).orElse(null))) {
            settings.update(team, Map.of(TeamSettings.LLM_PROVIDER, ""));
        }
        registry.delete(team, name);
    }

    /**
     * Makes the provider the team's active one: calls that name no provider try it first.
     *
     * @throws NotFoundException when the team has no provider of that name
     * @throws ConflictException when it is a registered provider that is disabled
     */
    public void use(TeamId team, String name) {
        Optional<RegisteredProvider> registered = validName(name) ? registry.find(team, name) : Optional.empty();
        if (registered.isPresent() && !registered.get().enabled()) {
            throw new ConflictException("Provider '" + name + "' is disabled; enable it before using it");
        }
        if (registered.isEmpty() && readOnly(name).isEmpty()) {
            throw new NotFoundException("Provider '" + name + "' not found");
        }
        settings.update(team, Map.of(TeamSettings.LLM_PROVIDER, name)); // which tells the catalog
    }

    /** The team's registration of that name; a 409 for a read-only provider, else a 404. */
    private RegisteredProvider registered(TeamId team, String name) {
        Optional<RegisteredProvider> provider = validName(name) ? registry.find(team, name) : Optional.empty();
        if (provider.isPresent()) {
            return provider.get();
        }
        Optional<String> readOnly = readOnly(name);
        if (readOnly.isPresent()) {
            throw new ConflictException("Provider '" + name + "' cannot be changed or deleted here: " + readOnly.get()
                    + (name.equals(ProviderCatalog.SANDBOX_ID) ? ""
                    : "; POST /api/providers/" + name + " registers your own in its place"));
        }
        throw new NotFoundException("Provider '" + name + "' not found");
    }

    /** Why a provider of that name that the team did not register is read-only, when there is one. */
    private Optional<String> readOnly(String name) {
        if (ProviderCatalog.SANDBOX_ID.equals(name)) {
            return Optional.of("it is the built-in offline sandbox");
        }
        return catalog.environment().stream().filter(entry -> entry.config().id().equals(name)).findFirst()
                .map(entry -> "it is configured by the operator's environment");
    }

    /** The registration a create or a replacement stores, checking what only the factory knows about. */
    private ProviderRegistration replacement(String name, ProviderBody body, Map<String, List<String>> errors) {
        Map<String, String> options = new LinkedHashMap<>();
        if (body.defaultModel() != null) {
            put(options, DEFAULT_MODEL, body.defaultModel());
        }
        String apiKey = keySource(body, options, errors);
        ProviderRegistration registration = new ProviderRegistration(name, body.kind() == null ? "openai" : body.kind(),
                blankToNull(body.baseUrl()), apiKey, List.of(), options, body.enabled(errors));
        check(registration, errors);
        return registration;
    }

    /**
     * Applies the body's key fields to the options and returns the key to store (null: keep the stored one). A
     * provider has one source of key: a new key drops the variable, a variable drops the stored key.
     */
    private static String keySource(ProviderBody body, Map<String, String> options, Map<String, List<String>> errors) {
        boolean newKey = body.apiKey() != null && !body.apiKey().isEmpty();
        boolean newVariable = body.apiKeyEnv() != null && !body.apiKeyEnv().isBlank();
        if (newKey && newVariable) {
            add(errors, "api_key", "give either api_key or api_key_env, not both");
        }
        if (body.apiKeyEnv() != null) {
            put(options, ProviderKeyVariables.OPTION, body.apiKeyEnv());
        }
        if (newKey) {
            options.remove(ProviderKeyVariables.OPTION);
            return body.apiKey();
        }
        return newVariable ? "" : body.apiKey();
    }

    private void check(ProviderRegistration registration, Map<String, List<String>> errors) {
        String model = registration.options().get(DEFAULT_MODEL);
        if (model != null && !MODEL.matcher(model).matches()) {
            add(errors, "default_model", "must be a model id of 1-200 printable characters without spaces");
        }
        String variable = registration.options().get(ProviderKeyVariables.OPTION);
        if (variable != null) {
            Optional<String> problem;
            try {
                problem = keys.problem(variable, ProviderKind.fromWire(registration.kind()), registration.baseUrl());
            } catch (InvalidInputException unknownKind) {
                problem = keys.problem(variable); // the registration's own check names the kind
            }
            problem.ifPresent(message -> add(errors, "api_key_env", message));
        }
    }

    /**
     * Stores the registration unless the factory's checks found errors; then the registration's own checks run too,
     * so one 422 names every offending field.
     */
    private RegisteredProvider save(TeamId team, ProviderRegistration registration, Map<String, List<String>> errors,
                                    Long expectedVersion) {
        if (!errors.isEmpty()) {
            try {
                registration.validate(guard.rules(), guard.resolver());
            } catch (InvalidInputException e) {
                // the name's problem is already reported, as "name"
                e.fieldErrors().forEach((field, messages) -> {
                    if (!field.equals("id")) {
                        messages.forEach(message -> add(errors, field, message));
                    }
                });
            }
            throw invalid(errors);
        }
        return registry.save(team, registration, expectedVersion);
    }

    private static void checkName(String name, Map<String, List<String>> errors) {
        if (!validName(name)) {
            add(errors, "name", "must be 1-64 characters of lower-case letters, digits, '_', '-' or '.', "
                    + "starting with a letter or digit");
        }
    }

    private static boolean validName(String name) {
        return name != null && ProviderRegistration.ID.matcher(name).matches();
    }

    private static ProviderView view(RegisteredProvider provider, ProviderDescription active) {
        return new ProviderView(provider.id(), provider.kind().wireName(), ProviderDescription.TEAM,
                provider.baseUrl(), provider.options().get(DEFAULT_MODEL),
                provider.options().get(ProviderKeyVariables.OPTION), provider.hasApiKey(), provider.enabled(),
                isActive(active, provider.id(), ProviderDescription.TEAM));
    }

    private static boolean isActive(ProviderDescription active, String name, String source) {
        return active.id().equals(name) && active.source().equals(source);
    }

    private static void put(Map<String, String> options, String name, String value) {
        if (value.isBlank()) {
            options.remove(name);
        } else {
            options.put(name, value.strip());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static void add(Map<String, List<String>> errors, String field, String message) {
        List<String> messages = errors.computeIfAbsent(field, f -> new ArrayList<>());
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }

    private static InvalidInputException invalid(Map<String, List<String>> errors) {
        StringBuilder detail = new StringBuilder("Invalid provider: ");
        errors.forEach((field, messages) -> detail.append(field).append(' ').append(String.join(", ", messages))
                .append("; "));
        return new InvalidInputException(detail.substring(0, detail.length() - 2), errors);
    }
}
