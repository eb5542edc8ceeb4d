package dev.athanor.model.settings;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;

import java.util.Map;
import java.util.Optional;

/** Port: a team's named settings document (for example the factory's), stored with a version. */
public interface SettingsRepository {

    Optional<Versioned<Map<String, String>>> find(TeamId team, String scope);

    /**
     * Stores {@code values} for the team and scope. {@code expectedVersion} is the version the caller read, or
     * {@code null} to create the document.
     *
     * @throws ConflictException when the stored version is not {@code expectedVersion} (or, on create, when the
     *                           document already exists): another writer got there first
     */
    Versioned<Map<String, String>> save(TeamId team, String scope, Map<String, String> values, Long expectedVersion);
}
