package dev.athanor.llm;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Turns a provider's configuration into a client of its kind. */
@Singleton
public class ProviderClients {

    private final Map<ProviderKind, ProviderClientFactory> factories = new EnumMap<>(ProviderKind.class);

    public ProviderClients(List<ProviderClientFactory> factories) {
        for (ProviderClientFactory factory : factories) {
            if (this.factories.put(factory.kind(), factory) != null) {
                throw new IllegalStateException("Two client factories for provider kind " + factory.kind());
            }
        }
    }

    public LlmProvider create(ProviderConfig config) {
        ProviderClientFactory factory = factories.get(config.kind());
        if (factory == null) {
            throw new InvalidInputException("Provider kind '" + config.kind().wireName() + "' is not available here");
        }
        return factory.create(config);
    }
}
