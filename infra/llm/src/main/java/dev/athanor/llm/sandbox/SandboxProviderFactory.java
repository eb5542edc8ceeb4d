package dev.athanor.llm.sandbox;

import dev.athanor.llm.ProviderClientFactory;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import jakarta.inject.Singleton;

/** Clients of the {@code sandbox} kind; base URL, key and options are ignored, since nothing leaves the process. */
@Singleton
public class SandboxProviderFactory implements ProviderClientFactory {

    @Override
    public ProviderKind kind() {
        return ProviderKind.SANDBOX;
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        return new SandboxProvider(config.id());
    }
}
