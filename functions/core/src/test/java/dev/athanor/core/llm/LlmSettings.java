package dev.athanor.core.llm;

import java.time.Duration;

/** {@link LlmConfiguration} as a test sets it: a registry cache period and how stale a read may serve. */
record LlmSettings(Duration registryCacheTtl, Duration registryMaxStale) implements LlmConfiguration {

    /** The given cache period, and the default max-stale (60 s). */
    static LlmSettings cachedFor(Duration ttl) {
        return new LlmSettings(ttl, Duration.ofSeconds(60));
    }

    @Override
    public Duration getRegistryCacheTtl() {
        return registryCacheTtl;
    }

    @Override
    public Duration getRegistryMaxStale() {
        return registryMaxStale;
    }
}
