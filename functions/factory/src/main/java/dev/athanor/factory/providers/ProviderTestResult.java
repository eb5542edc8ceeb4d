package dev.athanor.factory.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Answer of {@code POST /api/providers/{name}/test}: whether the provider listed its models, and why not.
 *
 * @param status ok or error
 * @param error  present only when the status is error: the seed's answer of a provider that works has no error key
 */
@Serdeable
public record ProviderTestResult(String provider,
                                 String status,
                                 @JsonProperty("models_count") int modelsCount,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

    static ProviderTestResult ok(String provider, int modelsCount) {
        return new ProviderTestResult(provider, "ok", modelsCount, null);
    }

    static ProviderTestResult failed(String provider, String error) {
        return new ProviderTestResult(provider, "error", 0, error);
    }
}
