package dev.athanor.model.providers;

import dev.athanor.model.llm.ProviderKind;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider registration that passed {@link ProviderRegistration#validate}: what is stored, apart from the key.
 * Only that method creates one outside tests, so a repository can trust it.
 */
public record ProviderDefinition(String id,
                                 ProviderKind kind,
                                 String baseUrl,
                                 List<String> models,
                                 Map<String, String> options,
                                 boolean enabled) {

    public ProviderDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        models = models == null ? List.of() : List.copyOf(models);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
