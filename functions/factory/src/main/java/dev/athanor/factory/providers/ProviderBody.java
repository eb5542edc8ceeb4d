package dev.athanor.factory.providers;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * Body of the provider writes, snake_case as in the seed or camelCase. Every field is optional here; which are
 * required, and what a missing one means, depends on the call (see {@link ProviderService}).
 *
 * @param kind      openai (the default), ollama, anthropic or bedrock
 * @param apiKey    a key to store sealed; "" removes the stored one
 * @param apiKeyEnv an environment variable holding the key, from the operator's allowed list; "" removes it
 * @param enabled   a JSON boolean; taken as any JSON value so that "perhaps" is refused rather than read as false
 */
@Serdeable
public record ProviderBody(@Nullable String name,
                           @Nullable String kind,
                           @Nullable @JsonProperty("base_url") @JsonAlias("baseUrl") String baseUrl,
                           @Nullable @JsonProperty("api_key") @JsonAlias("apiKey") String apiKey,
                           @Nullable @JsonProperty("api_key_env") @JsonAlias("apiKeyEnv") String apiKeyEnv,
                           @Nullable @JsonProperty("default_model") @JsonAlias("defaultModel") String defaultModel,
                           @Nullable Object enabled) {

    static final ProviderBody EMPTY = new ProviderBody(null, null, null, null, null, null, null);

    /** The enabled flag, null when not given; anything but a JSON boolean is recorded in {@code errors}. */
    Boolean enabled(Map<String, List<String>> errors) {
        if (enabled == null || enabled instanceof Boolean) {
            return (Boolean) enabled;
        }
        ProviderService.add(errors, "enabled", "must be true or false");
        return null;
    }

    @Override
    public String toString() {
        return "ProviderBody[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "unchanged" : apiKey.isEmpty() ? "removed" : "***") + ", apiKeyEnv=" + apiKeyEnv
                + ", defaultModel=" + defaultModel + ", enabled=" + enabled + "]";
    }
}
