package dev.athanor.llm;

import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;

/** Builds clients of one provider kind. One bean per kind; {@link ProviderClients} picks by kind. */
public interface ProviderClientFactory {

    ProviderKind kind();

    LlmProvider create(ProviderConfig config);
}
