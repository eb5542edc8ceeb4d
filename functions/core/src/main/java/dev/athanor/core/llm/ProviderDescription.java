package dev.athanor.core.llm;

import dev.athanor.model.llm.ProviderKind;

import java.util.List;

/**
 * A provider as listings show it, without its key.
 *
 * @param source     {@code team} (registered by the team), {@code environment} (configured by the operator) or
 *                   {@code builtin} (the sandbox)
 * @param configured whether it has what its kind needs to be called (a key for hosted vendors, a URL for servers)
 * @param models     the declared models; empty means the provider is asked
 */
public record ProviderDescription(String id, ProviderKind kind, String source, boolean configured, List<String> models) {

    public static final String TEAM = "team";
    public static final String ENVIRONMENT = "environment";
    public static final String BUILTIN = "builtin";

    public ProviderDescription {
        models = List.copyOf(models);
    }
}
