package dev.athanor.core.auth.keys;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** {@code athanor.auth.api-keys.*}: how long a looked-up key is trusted before it is read again. */
@ConfigurationProperties("athanor.auth.api-keys")
public class ApiKeyConfiguration {

    /**
     * How long an instance uses a key as it read it. A revoked or changed key keeps working on an instance for at
     * most this long; a longer time saves table reads on keys that are used rarely.
     */
    @NotNull
    private Duration cacheTtl = Duration.ofSeconds(5);
    /**
     * How long an instance remembers that a key id does not exist. Short, so a key is usable at once wherever it was
     * not tried before it was created, while a client retrying a bad key in a loop costs one read per period.
     */
    @NotNull
    private Duration negativeCacheTtl = Duration.ofSeconds(1);
    @Min(1)
    private int maxCached = 10_000;

    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    public Duration getNegativeCacheTtl() {
        return negativeCacheTtl;
    }

    public void setNegativeCacheTtl(Duration negativeCacheTtl) {
        this.negativeCacheTtl = negativeCacheTtl;
    }

    public int getMaxCached() {
        return maxCached;
    }

    public void setMaxCached(int maxCached) {
        this.maxCached = maxCached;
    }
}
