package dev.athanor.model.llm;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to build a client for one provider. The API key is plain text here and lives only in memory;
 * at rest it is sealed and it never leaves the process in a response or a log (toString hides it).
 *
 * @param id      unique within a team, e.g. "openai" or "team-vllm"
 * @param baseUrl the vendor's base URL; null means the kind's public default
 * @param models  the model ids this provider is declared to serve; empty means "ask the provider"
 * @param options kind-specific settings, e.g. {@code region} for bedrock, {@code anthropic-version}
 * @param guarded whether the base URL is a user's (a team's registration, an ad-hoc listing) rather than the
 *                operator's: every connection to it then goes through the SSRF guard, which checks the addresses
 *                its host resolves to when connecting and lets the connection use only those
 */
public record ProviderConfig(String id,
                             ProviderKind kind,
                             String baseUrl,
                             String apiKey,
                             List<String> models,
                             Map<String, String> options,
                             LlmTimeouts timeouts,
                             boolean guarded) {

    public ProviderConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        models = models == null ? List.of() : List.copyOf(models);
        options = options == null ? Map.of() : Map.copyOf(options);
        timeouts = timeouts == null ? LlmTimeouts.DEFAULT : timeouts;
    }

    /** An operator's provider (not guarded). */
    public ProviderConfig(String id, ProviderKind kind, String baseUrl, String apiKey, List<String> models,
                          Map<String, String> options, LlmTimeouts timeouts) {
        this(id, kind, baseUrl, apiKey, models, options, timeouts, false);
    }

    /** The same provider, its connections going through the SSRF guard. */
    public ProviderConfig guardedCopy() {
        return guarded ? this : new ProviderConfig(id, kind, baseUrl, apiKey, models, options, timeouts, true);
    }

    /** The configured base URL, or the kind's public default when none is set. */
    public String baseUrlOr(String fallback) {
        return baseUrl == null || baseUrl.isBlank() ? fallback : baseUrl;
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    @Override
    public String toString() {
        return "ProviderConfig[id=" + id + ", kind=" + kind.wireName() + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "none" : "***") + ", models=" + models
                + (guarded ? ", guarded" : "") + "]";
    }
}
