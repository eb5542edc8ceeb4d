package dev.athanor.model.providers;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.llm.ProviderConfig;

import java.util.List;
import java.util.Optional;

/** Port: the providers each team registered. API keys are sealed at rest and never returned by the listing methods. */
public interface ProviderRepository {

    /**
     * Creates ({@code expectedVersion == null}) or replaces the provider {@code definition.id()}.
     *
     * @param apiKey the plain key to seal and store, null to keep the stored one, "" to remove it
     * @throws ConflictException    on create when the id exists; on update when the stored version is not
     *                              {@code expectedVersion} (or the provider is gone)
     * @throws UnavailableException when a key is given but no sealing key is configured
     */
    RegisteredProvider save(TeamId team, ProviderDefinition definition, String apiKey, Long expectedVersion);

    Optional<RegisteredProvider> get(TeamId team, String id);

    /** Every provider of the team, ordered by id. */
    List<RegisteredProvider> list(TeamId team);

    /**
     * The provider's configuration with its API key unsealed, enabled or not, for building a client inside this
     * process only (a connection test); empty when the team has no such provider.
     */
    Optional<ProviderConfig> config(TeamId team, String id);

    /** Removes the provider; false when there was none. */
    boolean delete(TeamId team, String id);

    /**
     * The team's enabled providers with their API keys unsealed, for building clients inside this process only.
     * The version says which registration each config came from, so a client built from it can be rebuilt on change.
     */
    List<Versioned<ProviderConfig>> enabledConfigs(TeamId team);
}
