package dev.athanor.actions.config;

import dev.athanor.core.http.RequestFields;
import dev.athanor.core.llm.ProviderCatalog;
import dev.athanor.core.llm.ProviderRegistry;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.providers.ProviderRegistration;
import dev.athanor.model.providers.RegisteredProvider;
import dev.athanor.model.settings.SettingsRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This surface's model configuration ({@code GET/POST /config}). A model name alone picks the default model among
 * those the team can call. A provider type, server ({@code api_base}) or key ({@code auth_token}) registers the team's
 * provider {@value SurfaceModels#PROVIDER} (kind, base URL through the SSRF guard, key sealed like every provider key
 * and never returned), which then serves the default model; it is one of the team's providers like any other. All
 * fields are checked before anything is stored.
 */
@Singleton
public class SurfaceConfig {

    /** The configuration as shown: never the key. */
    public record View(String providerType, String modelName, @Nullable String apiBase, boolean authTokenSet) {
    }

    private static final Map<String, String> FIELD_NAMES = Map.of("kind", "provider_type", "base_url", "api_base",
            "api_key", "auth_token", "models", "model_name");

    private final SurfaceModels models;
    private final ProviderCatalog catalog;
    private final ProviderRegistry registry;
    private final SettingsRepository settings;

    SurfaceConfig(SurfaceModels models, ProviderCatalog catalog, @Nullable ProviderRegistry registry,
                  @Nullable SettingsRepository settings) {
        this.models = models;
        this.catalog = catalog;
        this.registry = registry;
        this.settings = settings;
    }

    public View get(TeamId team) {
        Optional<RegisteredProvider> own = registered(team);
        String configured = models.configuredModel(team);
        String model = configured != null ? configured : models.firstListed(team);
        if (own.isPresent()) {
            return new View(own.get().kind().wireName(), model, own.get().baseUrl(), own.get().hasApiKey());
        }
        return new View(catalog.active(team).kind().wireName(), model, null, false);
    }

    /** @throws InvalidInputException naming every offending field; nothing is stored then */
    public void update(TeamId team, RequestFields fields) {
        String providerType = fields.string("provider_type");
        String modelName = fields.string("model_name");
        String apiBase = fields.string("api_base");
        String authToken = fields.string("auth_token");
        fields.check("configuration");
        if (providerType == null && modelName == null && apiBase == null && authToken == null) {
            throw new InvalidInputException("Give at least one of provider_type, model_name, api_base, auth_token",
                    Map.of("provider_type", List.of("or another field is required")));
        }
        boolean providerChange = providerType != null || apiBase != null || authToken != null;
        Optional<RegisteredProvider> own = registered(team);
        if (modelName != null && modelName.isBlank()) {
            fields.error("model_name", "must not be empty");
        } else if (modelName != null && !providerChange && own.isEmpty()) {
            models.checkModel(team, modelName, "model_name", fields);
        }
        fields.check("configuration");
        if (providerChange) {
            register(team, own.orElse(null), providerType, apiBase, authToken,
                    modelName != null ? modelName : models.configuredModel(team));
        } else if (modelName != null && own.isPresent()) {
            register(team, own.get(), null, null, null, modelName);
        }
        if (modelName != null) {
            saveModel(team, modelName.strip());
        }
    }

    private void register(TeamId team, @Nullable RegisteredProvider current, @Nullable String providerType,
                          @Nullable String apiBase, @Nullable String authToken, @Nullable String modelName) {
        if (registry == null) {
            throw new UnavailableException("Providers cannot be registered here (no providers table is configured)");
        }
        String kind = providerType != null ? providerType : current != null ? current.kind().wireName() : "openai";
        String baseUrl = apiBase != null ? apiBase : current == null ? null : current.baseUrl();
        List<String> declared = modelName != null ? List.of(modelName.strip())
                : current == null ? List.of() : current.models();
        ProviderRegistration registration = new ProviderRegistration(SurfaceModels.PROVIDER, kind, baseUrl,
                authToken, declared, current == null ? Map.of() : current.options(), true);
        try {
            registry.save(team, registration, current == null ? null : current.version());
        } catch (InvalidInputException invalid) {
            throw renamed(invalid);
        }
    }

    private void saveModel(TeamId team, String modelName) {
        if (settings == null) {
            throw new UnavailableException("The configuration cannot be stored here (no settings table is configured)");
        }
        Optional<Versioned<Map<String, String>>> stored = settings.find(team, SurfaceModels.SCOPE);
        Map<String, String> values = new LinkedHashMap<>(stored.map(Versioned::value).orElse(Map.of()));
        values.put(SurfaceModels.MODEL_NAME, modelName);
        settings.save(team, SurfaceModels.SCOPE, values, stored.map(Versioned::version).orElse(null));
    }

    private Optional<RegisteredProvider> registered(TeamId team) {
        return registry == null ? Optional.empty() : registry.find(team, SurfaceModels.PROVIDER);
    }

    /** The registration's problems under this API's field names. */
    private static InvalidInputException renamed(InvalidInputException invalid) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        invalid.fieldErrors().forEach((field, messages) -> fields.put(FIELD_NAMES.getOrDefault(field, field),
                messages));
        StringBuilder message = new StringBuilder("Invalid configuration: ");
        fields.forEach((field, messages) -> message.append(field).append(' ').append(String.join(", ", messages))
                .append("; "));
        return new InvalidInputException(message.substring(0, message.length() - 2), fields);
    }
}
