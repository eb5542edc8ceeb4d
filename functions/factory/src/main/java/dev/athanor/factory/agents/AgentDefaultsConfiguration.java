package dev.athanor.factory.agents;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/** {@code athanor.factory.*}: what the factory's agents run with until a team changes them. */
@ConfigurationProperties("athanor.factory")
public interface AgentDefaultsConfiguration {

    /**
     * The model every agent calls by default (env {@code ATHANOR_FACTORY_DEFAULT_MODEL}). The offline sandbox by
     * default, so a job runs end to end with no provider configured; set a real model id once one is.
     */
    @Bindable(defaultValue = "sandbox")
    @NotBlank
    String getDefaultModel();
}
