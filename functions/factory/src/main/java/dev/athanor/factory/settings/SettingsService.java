package dev.athanor.factory.settings;

import dev.athanor.core.llm.ProviderCatalog;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.settings.SettingsRepository;
import dev.athanor.model.settings.TeamSettings;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A team's factory settings: created with the defaults on first read, changed only from the version last read.
 * The LLM core reads {@code llm_provider} from them (cached), so a change is handed to it at once.
 */
@Singleton
public class SettingsService {

    private final SettingsRepository repository;
    private final ProviderCatalog catalog;

    SettingsService(SettingsRepository repository, ProviderCatalog catalog) {
        this.repository = repository;
        this.catalog = catalog;
    }

    public Map<String, String> get(TeamId team) {
        return sorted(current(team).value());
    }

    /** One stored setting, without creating the defaults when the team has none yet. */
    public Optional<String> find(TeamId team, String key) {
        return repository.find(team, TeamSettings.SCOPE).map(values -> values.value().get(key));
    }

    /**
     * Merges {@code changes} into the stored settings.
     *
     * @throws ConflictException when another request changed them since they were read
     */
    public Map<String, String> update(TeamId team, Map<String, ?> changes) {
        Versioned<Map<String, String>> current = current(team);
        Map<String, String> merged = TeamSettings.merge(current.value(), changes);
        Map<String, String> saved = repository.save(team, TeamSettings.SCOPE, merged, current.version()).value();
        catalog.invalidate(team);
        return sorted(saved);
    }

    private Versioned<Map<String, String>> current(TeamId team) {
        return repository.find(team, TeamSettings.SCOPE).orElseGet(() -> {
            try {
                return repository.save(team, TeamSettings.SCOPE, TeamSettings.defaults(), null);
            } catch (ConflictException createdConcurrently) {
                return repository.find(team, TeamSettings.SCOPE).orElseThrow(() -> createdConcurrently);
            }
        });
    }

    private static Map<String, String> sorted(Map<String, String> values) {
        return new TreeMap<>(values);
    }
}
