package dev.athanor.core.health;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Which surface this process serves and at which version, as health endpoints report it. */
@Singleton
public class ServiceInfo {

    private final String surface;
    private final String version;

    public ServiceInfo(@Value("${athanor.surface:unknown}") String surface,
                       @Value("${athanor.version:0.1.0}") String version) {
        this.surface = surface;
        this.version = version;
    }

    public String surface() {
        return surface;
    }

    public String version() {
        return version;
    }
}
