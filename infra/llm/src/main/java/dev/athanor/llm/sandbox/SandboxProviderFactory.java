package dev.athanor.llm.sandbox;

import dev.athanor.llm.ProviderClientFactory;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** Clients of the {@code sandbox} kind; base URL, key and options are ignored, since nothing leaves the process. */
@Singleton
public class SandboxProviderFactory implements ProviderClientFactory {

    private final JsonMapper json;

    public SandboxProviderFactory(JsonMapper json) {
        this.json = json;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.SANDBOX;
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        return new SandboxProvider(config.id(), json);
    }
}
