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

    /**
     * How old a team's cached providers may be and still serve a call at once while one background read refreshes
     * them (env {@code ATHANOR_LLM_REGISTRY_MAX_STALE}): an instance that sat idle between invocations answers its
     * first call without waiting for the table; that call may use a registration changed elsewhere meanwhile.
     */
    @Bindable(defaultValue = "60s")
    Duration getRegistryMaxStale();
}
