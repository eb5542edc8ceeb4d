package dev.athanor.promptlab.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** {@code athanor.prompt-lab.*}: how the streaming endpoints wait. */
@ConfigurationProperties("athanor.prompt-lab")
public interface PromptLabStreamConfiguration {

    /** Quiet time after which a stream writes a {@code : keep-alive} comment. */
    @Bindable(defaultValue = "15s")
    Duration getHeartbeatInterval();

    /** How long a backend test may take in all, from the request to its last byte. */
    @Bindable(defaultValue = "120s")
    Duration getBackendTimeout();
}
