package dev.athanor.factory.settings;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.settings.FactorySettings;
import dev.athanor.model.settings.SettingsRepository;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.TreeMap;

/** A team's factory settings: created with the defaults on first read, changed only from the version last read. */
@Singleton
public class SettingsService {

    private final SettingsRepository repository;

    SettingsService(SettingsRepository repository) {
        this.repository = repository;
    }

    public Map<String, String> get(TeamId team) {
        return sorted(current(team).value());
    }

    /**
     * Merges {@code changes} into the stored settings.
     *
     * @throws ConflictException when another request changed them since they were read
     */
    public Map<String, String> update(TeamId team, Map<String, ?> changes) {
        Versioned<Map<String, String>> current = current(team);
        Map<String, String> merged = FactorySettings.merge(current.value(), changes);
        return sorted(repository.save(team, FactorySettings.SCOPE, merged, current.version()).value());
    }

    private Versioned<Map<String, String>> current(TeamId team) {
        return repository.find(team, FactorySettings.SCOPE).orElseGet(() -> {
            try {
                return repository.save(team, FactorySettings.SCOPE, FactorySettings.defaults(), null);
            } catch (ConflictException createdConcurrently) {
                return repository.find(team, FactorySettings.SCOPE).orElseThrow(() -> createdConcurrently);
            }
        });
    }

    private static Map<String, String> sorted(Map<String, String> values) {
        return new TreeMap<>(values);
    }
}
