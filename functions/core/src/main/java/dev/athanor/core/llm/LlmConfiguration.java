package dev.athanor.core.llm;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** {@code athanor.llm.*}. */
@ConfigurationProperties("athanor.llm")
public interface LlmConfiguration {

    /**
     * How long a team's registered providers are reused before the registry is read again (env
     * {@code ATHANOR_LLM_REGISTRY_CACHE_TTL}). Every LLM call looks them up, so they are cached; a change made in
     * another function (another Lambda instance) is seen after at most this long, one made in this process at once.
     */
    @Bindable(defaultValue = "5s")
    Duration getRegistryCacheTtl();
}
