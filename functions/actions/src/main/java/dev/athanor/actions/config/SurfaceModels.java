package dev.athanor.actions.config;

import dev.athanor.actions.ActionsConfiguration;
import dev.athanor.core.http.RequestFields;
import dev.athanor.core.llm.ModelDirectory;
import dev.athanor.core.llm.ProviderCatalog;
import dev.athanor.core.llm.ProviderDescription;
import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.settings.SettingsRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * The models this surface may call for a team, its default one, and the checks of a model and its settings. A model
 * is one the team's providers list, or {@code provider/model} naming one of the team's providers. The default model
 * is the one {@code POST /config} set (served by the {@value #PROVIDER} provider when that call registered one),
 * else the first model the team can call.
 */
@Singleton
public class SurfaceModels {

    /** The provider {@code POST /config} registers for the team when it is given a server or a key. */
    public static final String PROVIDER = "actions";
    /** The settings scope holding this surface's configuration. */
    public static final String SCOPE = "actions";
    public static final String MODEL_NAME = "model_name";
    public static final double MAX_TEMPERATURE = 2.0;

    private final ModelDirectory directory;
    private final ProviderCatalog catalog;
    private final SettingsRepository settings;
    private final PricingTable limits;
    private final ActionsConfiguration configuration;

    SurfaceModels(ModelDirectory directory, ProviderCatalog catalog, @Nullable SettingsRepository settings,
                  PricingTable limits, ActionsConfiguration configuration) {
        this.directory = directory;
        this.catalog = catalog;
        this.settings = settings;
        this.limits = limits;
        this.configuration = configuration;
    }

    /** The models the team can call from this surface: the default first, then every listed one. */
    public List<String> available(TeamId team) {
        LinkedHashSet<String> models = new LinkedHashSet<>();
        models.add(defaultModel(team));
        directory.list(team).forEach(model -> models.add(model.id()));
        return new ArrayList<>(models);
    }

    /** The model calls of this surface use when they name none. */
    public String defaultModel(TeamId team) {
        String configured = configuredModel(team);
        if (configured != null) {
            return hasConfigProvider(team) ? PROVIDER + "/" + configured : configured;
        }
        return firstListed(team);
    }

    /** The default model when none is configured: the first one the team can call. */
    public String firstListed(TeamId team) {
        List<ModelDirectory.ListedModel> listed = directory.list(team);
        return listed.isEmpty() ? ProviderCatalog.SANDBOX_ID : listed.get(0).id();
    }

    /** The model name {@code POST /config} stored, or null. */
    @Nullable
    public String configuredModel(TeamId team) {
        if (settings == null) {
            return null;
        }
        return settings.find(team, SCOPE).map(stored -> stored.value().get(MODEL_NAME))
                .filter(name -> !name.isBlank()).orElse(null);
    }

    boolean hasConfigProvider(TeamId team) {
        return catalog.describe(team).stream().anyMatch(p -> p.id().equals(PROVIDER)
                && ProviderDescription.TEAM.equals(p.source()));
    }

    /** Records a problem under {@code field} unless the team can call {@code model}. */
    public void checkModel(TeamId team, String model, String field, RequestFields fields) {
        if (model == null || model.isBlank()) {
            fields.error(field, "is required");
            return;
        }
        if (model.length() > 200) {
            fields.error(field, "must be at most 200 characters");
            return;
        }
        // the in-memory lists first; the default (a settings read) only for a model they do not name
        if (directory.list(team).stream().anyMatch(m -> m.id().equals(model))) {
            return;
        }
        int slash = model.indexOf('/');
        if (slash > 0 && slash < model.length() - 1) {
            String provider = model.substring(0, slash);
            if (catalog.describe(team).stream().anyMatch(p -> p.id().equals(provider))) {
                return;
            }
        }
        if (model.equals(defaultModel(team))) {
            return;
        }
        fields.error(field, "names no model the team can call ('" + model + "'); available: "
                + String.join(", ", available(team)));
    }

    /** Records a problem under {@code field} unless the temperature is within 0-2. */
    public static void checkTemperature(Double temperature, String field, RequestFields fields) {
        if (temperature != null && (temperature.isNaN() || temperature < 0 || temperature > MAX_TEMPERATURE)) {
            fields.error(field, "must be between 0 and 2");
        }
    }

    /** Records a problem under {@code field} unless {@code maxTokens} is at least 1 and within the model's limit. */
    public void checkMaxTokens(@Nullable String model, Integer maxTokens, String field, RequestFields fields) {
        if (maxTokens == null) {
            return;
        }
        if (maxTokens < 1) {
            fields.error(field, "must be at least 1");
            return;
        }
        OptionalInt known = model == null ? OptionalInt.empty() : limits.maxOutputTokens(model);
        int limit = known.orElse(configuration.getMaxTokensLimit());
        if (maxTokens > limit) {
            fields.error(field, "must be at most " + limit + (known.isPresent() ? ", the output limit of " + model
                    : ""));
        }
    }
}
