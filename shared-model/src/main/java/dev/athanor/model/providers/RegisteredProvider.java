package dev.athanor.model.providers;

import dev.athanor.model.llm.ProviderKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A provider a team registered, as it may be shown: whether it has an API key, never the key itself.
 *
 * @param version the stored version; pass it back to update or delete the provider (optimistic locking)
 */
public record RegisteredProvider(String id,
                                 ProviderKind kind,
                                 String baseUrl,
                                 List<String> models,
                                 Map<String, String> options,
                                 boolean enabled,
                                 boolean hasApiKey,
                                 Instant createdAt,
                                 Instant updatedAt,
                                 long version) {

    public RegisteredProvider {
        models = models == null ? List.of() : List.copyOf(models);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
