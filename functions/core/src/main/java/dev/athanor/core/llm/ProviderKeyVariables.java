package dev.athanor.core.llm;

import dev.athanor.llm.anthropic.AnthropicProviderFactory;
import dev.athanor.llm.config.EnvironmentProviders;
import dev.athanor.llm.ollama.OllamaProviderFactory;
import dev.athanor.llm.openai.OpenAiProviderFactory;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.core.value.MapPropertyResolver;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API keys a registered provider takes from a server environment variable (its {@code api_key_env}) instead of
 * storing one. Only the variables an operator lists ({@link ProviderKeyConfiguration}) may be named: reading any
 * variable on a user's request would let them send the server's secrets (AWS credentials, say) to a base URL of
 * their own. For the same reason a vendor's key variable ({@code OPENAI_API_KEY}, ...) is only ever sent to the
 * base URL the LLM core uses for that vendor; other listed variables are the operator's to vouch for.
 */
@Singleton
public class ProviderKeyVariables {

    /** The provider option that names the variable. */
    public static final String OPTION = "api_key_env";

    private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

    /** Allows no variable: for functions and tests that configure none. */
    public static final ProviderKeyVariables NONE = new ProviderKeyVariables(Set.of(), Map.of(),
            new MapPropertyResolver(Map.of()));

    private final Set<String> allowed;
    private final Map<String, String> vendorBaseUrls;
    private final PropertyResolver properties;

    @Inject
    public ProviderKeyVariables(ProviderKeyConfiguration configuration, EnvironmentProviders environment,
                                PropertyResolver properties) {
        this(configuration.getProviderKeyEnv(), environment.keyVariableBaseUrls(), properties);
    }

    /**
     * @param allowed        the variable names that may be used; anything that is not a variable name is ignored
     * @param vendorBaseUrls for vendor key variables, the only base URL their value may be sent to
     */
    public ProviderKeyVariables(Collection<String> allowed, Map<String, String> vendorBaseUrls,
                                PropertyResolver properties) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : allowed == null ? Set.<String>of() : allowed) {
            if (name != null && NAME.matcher(name.strip()).matches()) {
                names.add(name.strip());
            }
        }
        this.allowed = Collections.unmodifiableSet(names);
        this.vendorBaseUrls = Map.copyOf(vendorBaseUrls);
        this.properties = properties;
    }

    public Set<String> allowed() {
        return allowed;
    }

    /** Why no provider may take its key from {@code variable}, or empty when the operator allows it. */
    public Optional<String> problem(String variable) {
        if (allowed.contains(variable)) {
            return Optional.empty();
        }
        return Optional.of(allowed.isEmpty() ? "is not enabled on this server"
                : "must be one of the variables the operator allows: " + String.join(", ", allowed));
    }

    /**
     * Why a provider of {@code kind} at {@code baseUrl} (null: the kind's public default) may not take its key from
     * {@code variable}, or empty when it may.
     */
    public Optional<String> problem(String variable, ProviderKind kind, String baseUrl) {
        Optional<String> notAllowed = problem(variable);
        if (notAllowed.isPresent()) {
            return notAllowed;
        }
        String vendorUrl = vendorBaseUrls.get(variable);
        if (vendorUrl != null && !vendorUrl.equals(effectiveBaseUrl(kind, baseUrl))) {
            return Optional.of("names a vendor's key, which is only sent to the base URL configured for that vendor "
                    + "(" + variable.replace("_API_KEY", "_BASE_URL") + " or the vendor's public URL)");
        }
        return Optional.empty();
    }

    /** The config with its key read from its {@code api_key_env}, when it has no key of its own and may use it. */
    public ProviderConfig withKey(ProviderConfig config) {
        String variable = config.option(OPTION, null);
        if (variable == null || (config.apiKey() != null && !config.apiKey().isEmpty())
                || problem(variable, config.kind(), config.baseUrl()).isPresent()) {
            return config;
        }
        // the environment's variables are properties: OPENAI_API_KEY is openai.api.key
        Optional<String> key = properties.get(variable.toLowerCase(Locale.ROOT).replace('_', '.'), String.class)
                .map(String::strip).filter(value -> !value.isEmpty());
        return key.map(value -> new ProviderConfig(config.id(), config.kind(), config.baseUrl(), value, config.models(),
                config.options(), config.timeouts(), config.guarded())).orElse(config);
    }

    private static String effectiveBaseUrl(ProviderKind kind, String baseUrl) {
        if (baseUrl != null && !baseUrl.isBlank()) {
            String url = baseUrl.strip();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        return switch (kind) {
            case OPENAI -> OpenAiProviderFactory.DEFAULT_BASE_URL;
            case ANTHROPIC -> AnthropicProviderFactory.DEFAULT_BASE_URL;
            case OLLAMA -> OllamaProviderFactory.DEFAULT_BASE_URL;
            case BEDROCK, SANDBOX -> null;
        };
    }
}
