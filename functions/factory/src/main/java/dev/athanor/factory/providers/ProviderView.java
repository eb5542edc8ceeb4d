package dev.athanor.factory.providers;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A provider as the factory lists it; never its key.
 *
 * @param source   team (registered by the team), environment (configured by the operator) or builtin (the sandbox)
 * @param baseUrl  the registered base URL (null: the kind's public one); the operator's are not shown
 * @param active   whether calls that name no provider try this one first
 */
@Serdeable
public record ProviderView(String name,
                           String kind,
                           String source,
                           @JsonProperty("base_url") String baseUrl,
                           @JsonProperty("default_model") String defaultModel,
                           @JsonProperty("api_key_env") String apiKeyEnv,
                           @JsonProperty("has_api_key") boolean hasApiKey,
                           boolean enabled,
                           boolean active) {
}
