package dev.athanor.core.llm;

import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.llm.ProviderClients;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.providers.ProviderDefinition;
import dev.athanor.model.providers.ProviderRegistration;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * Asks one provider for its models when a person asks (a connection test, a model picker): live rather than from the
 * routing cache, with deadlines that fit in an HTTP request. A registered provider's connections and an ad-hoc
 * provider's go through the SSRF guard, address by address, as its host may have been re-pointed since its URL was
 * checked.
 */
@Singleton
public class ProviderProbe {

    /** API Gateway gives up on a request after 29 s. */
    static final LlmTimeouts DEADLINES = new LlmTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20),
            Duration.ofSeconds(20));

    /** The id an ad-hoc provider gets: it is never stored. */
    public static final String AD_HOC_ID = "custom";

    private final ProviderCatalog catalog;
    private final ProviderClients clients;
    private final OutboundUrlGuard guard;

    public ProviderProbe(ProviderCatalog catalog, ProviderClients clients, OutboundUrlGuard guard) {
        this.catalog = catalog;
        this.clients = clients;
        this.guard = guard;
    }

    /**
     * The models the team's provider {@code id} (enabled or not) lists now.
     *
     * @throws NotFoundException when the team has no provider of that id
     * @throws LlmException      when the provider cannot be reached (its address refused included) or refuses
     */
    public List<ModelInfo> models(TeamId team, String id) {
        ProviderCatalog.Entry entry = catalog.find(team, id)
                .orElseThrow(() -> new NotFoundException("Provider '" + id + "' not found"));
        return models(entry.config());
    }

    /**
     * The models of a provider that is not stored, described by a caller: {@code kind} (null: openai), a base URL
     * that must pass the SSRF guard (null: the kind's public one) and an optional key.
     *
     * @throws InvalidInputException naming each offending field
     * @throws LlmException          when the provider cannot be reached or refuses
     */
    public List<ModelInfo> adHocModels(String kind, String baseUrl, String apiKey) {
        ProviderDefinition definition = new ProviderRegistration(AD_HOC_ID, kind == null ? "openai" : kind, baseUrl,
                apiKey, null, null, true).validate(guard.rules(), guard.resolver());
        return models(new ProviderConfig(definition.id(), definition.kind(), definition.baseUrl(),
                apiKey == null || apiKey.isEmpty() ? null : apiKey, List.of(), definition.options(), null, true));
    }

    private List<ModelInfo> models(ProviderConfig config) {
        ProviderConfig bounded = new ProviderConfig(config.id(), config.kind(), config.baseUrl(), config.apiKey(),
                config.models(), config.options(), DEADLINES, config.guarded());
        try {
            return clients.create(bounded).models();
        } catch (LlmException | DomainException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LlmException(LlmErrorKind.UNAVAILABLE, config.id(), 0,
                    "could not list the models: " + e.getMessage(), null, e);
        }
    }
}
