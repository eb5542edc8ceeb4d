package dev.athanor.core.llm;

import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.providers.ProviderDefinition;
import dev.athanor.model.providers.ProviderRegistration;
import dev.athanor.model.providers.ProviderRepository;
import dev.athanor.model.providers.RegisteredProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Registering a team's providers: every field checked (the base URL through the SSRF guard) before anything is
 * stored, and the catalog told at once so this process uses the change on its next call.
 */
@Singleton
@Requires(bean = ProviderRepository.class)
public class ProviderRegistry {

    private final ProviderRepository repository;
    private final OutboundUrlGuard guard;
    private final ProviderCatalog catalog;

    public ProviderRegistry(ProviderRepository repository, OutboundUrlGuard guard, ProviderCatalog catalog) {
        this.repository = repository;
        this.guard = guard;
        this.catalog = catalog;
    }

    /**
     * Creates the provider ({@code expectedVersion == null}) or replaces it at the version the caller read.
     *
     * @throws InvalidInputException with one entry per offending field
     */
    public RegisteredProvider save(TeamId team, ProviderRegistration registration, Long expectedVersion) {
        ProviderDefinition definition = registration.validate(guard.rules(), guard.resolver());
        RegisteredProvider saved = repository.save(team, definition, registration.apiKey(), expectedVersion);
        catalog.invalidate(team);
        return saved;
    }

    public List<RegisteredProvider> list(TeamId team) {
        return repository.list(team);
    }

    public RegisteredProvider get(TeamId team, String id) {
        return repository.get(team, id).orElseThrow(() -> new NotFoundException("Provider '" + id + "' not found"));
    }

    public Optional<RegisteredProvider> find(TeamId team, String id) {
        return repository.get(team, id);
    }

    public void delete(TeamId team, String id) {
        if (!repository.delete(team, id)) {
            throw new NotFoundException("Provider '" + id + "' not found");
        }
        catalog.invalidate(team);
    }
}
