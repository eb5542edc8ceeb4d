package dev.athanor.llm.config;

import dev.athanor.llm.anthropic.AnthropicProviderFactory;
import dev.athanor.llm.openai.OpenAiProviderFactory;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Providers the operator configured through the vendors' usual environment variables, read as Micronaut properties
 * (env {@code OPENAI_API_KEY} is property {@code openai.api.key}), in this order:
 * <table>
 *   <tr><th>id</th><th>kind</th><th>switched on by</th><th>base URL (default)</th></tr>
 *   <tr><td>openai</td><td>openai</td><td>OPENAI_API_KEY</td><td>OPENAI_BASE_URL (https://api.openai.com/v1)</td></tr>
 *   <tr><td>anthropic</td><td>anthropic</td><td>ANTHROPIC_API_KEY</td><td>ANTHROPIC_BASE_URL (https://api.anthropic.com)</td></tr>
 *   <tr><td>gemini</td><td>openai</td><td>GEMINI_API_KEY</td><td>GEMINI_BASE_URL (Gemini's OpenAI-compatible endpoint)</td></tr>
 *   <tr><td>deepseek</td><td>openai</td><td>DEEPSEEK_API_KEY</td><td>DEEPSEEK_BASE_URL (https://api.deepseek.com/v1)</td></tr>
 *   <tr><td>ollama</td><td>ollama</td><td>OLLAMA_BASE_URL</td><td>(required)</td></tr>
 *   <tr><td>bedrock</td><td>bedrock</td><td>AWS credentials and AWS_REGION, unless ATHANOR_LLM_BEDROCK_ENABLED=false</td><td>BEDROCK_BASE_URL (the region's runtime endpoint; set it for a VPC interface endpoint)</td></tr>
 * </table>
 * {@code <VENDOR>_MODELS} (comma-separated) declares the models a provider serves; without it a vendor at its public
 * base URL gets a short list of its well-known models, and anything else (a custom base URL, Ollama) declares none,
 * meaning "ask the server".
 *
 * <p>Bedrock looks only at the credential variables the AWS runtimes set ({@code AWS_ACCESS_KEY_ID}, or the container
 * credential URI Lambda SnapStart and ECS use, or a web identity token file). The local platform's stand-in
 * credentials are the properties {@code aws.access-key-id}/{@code aws.secret-key}, which are other names, so the
 * local platform never switches Bedrock on by itself.
 */
@Singleton
public class EnvironmentProviders {

    public static final String BEDROCK_ENABLED = "athanor.llm.bedrock.enabled";

    private static final List<String> AWS_CREDENTIALS = List.of("aws.access.key.id",
            "aws.container.credentials.full.uri", "aws.container.credentials.relative.uri", "aws.web.identity.token.file");

    private record Vendor(String id, ProviderKind kind, String prefix, String defaultBaseUrl, List<String> knownModels) {
    }

    private static final List<Vendor> KEYED_VENDORS = List.of(
            new Vendor("openai", ProviderKind.OPENAI, "openai", OpenAiProviderFactory.DEFAULT_BASE_URL,
                    List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini")),
            new Vendor("anthropic", ProviderKind.ANTHROPIC, "anthropic", AnthropicProviderFactory.DEFAULT_BASE_URL,
                    List.of("claude-sonnet-4-20250514", "claude-3-7-sonnet-20250219", "claude-3-5-haiku-20241022")),
            new Vendor("gemini", ProviderKind.OPENAI, "gemini", "https://generativelanguage.googleapis.com/v1beta/openai",
                    List.of("gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.0-flash")),
            new Vendor("deepseek", ProviderKind.OPENAI, "deepseek", "https://api.deepseek.com/v1",
                    List.of("deepseek-chat", "deepseek-reasoner")));

    private static final List<String> BEDROCK_MODELS = List.of("anthropic.claude-3-5-sonnet-20240620-v1:0",
            "anthropic.claude-3-haiku-20240307-v1:0", "amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0");

    private final List<ProviderConfig> configs;
    private final Map<String, String> keyVariableBaseUrls;

    public EnvironmentProviders(PropertyResolver properties) {
        List<ProviderConfig> found = new ArrayList<>();
        Map<String, String> keyUrls = new LinkedHashMap<>();
        for (Vendor vendor : KEYED_VENDORS) {
            keyUrls.put(vendor.prefix().toUpperCase(Locale.ROOT) + "_API_KEY", value(properties, vendor.prefix()
                    + ".base.url").map(EnvironmentProviders::stripSlash).orElse(vendor.defaultBaseUrl()));
            value(properties, vendor.prefix() + ".api.key").ifPresent(key -> {
                Optional<String> customUrl = value(properties, vendor.prefix() + ".base.url");
                String baseUrl = customUrl.map(EnvironmentProviders::stripSlash).orElse(vendor.defaultBaseUrl());
                List<String> models = declaredModels(properties, vendor.prefix())
                        .orElse(baseUrl.equals(vendor.defaultBaseUrl()) ? vendor.knownModels() : List.of());
                found.add(new ProviderConfig(vendor.id(), vendor.kind(), baseUrl, key, models, Map.of(), null));
            });
        }
        value(properties, "ollama.base.url").ifPresent(url -> found.add(new ProviderConfig("ollama", ProviderKind.OLLAMA,
                stripSlash(url), null, declaredModels(properties, "ollama").orElse(List.of()), Map.of(), null)));
        bedrock(properties).ifPresent(found::add);
        this.configs = List.copyOf(found);
        this.keyVariableBaseUrls = Collections.unmodifiableMap(keyUrls);
    }

    /**
     * The base URL each vendor key variable belongs to, e.g. {@code OPENAI_API_KEY} to {@code OPENAI_BASE_URL} or
     * OpenAI's public URL, whether the variable is set or not: a key read from the environment for someone else's
     * provider may only be sent there.
     */
    public Map<String, String> keyVariableBaseUrls() {
        return keyVariableBaseUrls;
    }

    /** Every provider the environment configures, in the order of the table above. Keys are plain: keep them in. */
    public List<ProviderConfig> configs() {
        return configs;
    }

    private static Optional<ProviderConfig> bedrock(PropertyResolver properties) {
        boolean enabled = properties.get(BEDROCK_ENABLED, Boolean.class).orElse(true);
        boolean credentials = AWS_CREDENTIALS.stream().anyMatch(name -> value(properties, name).isPresent());
        Optional<String> region = value(properties, "bedrock.region")
                .or(() -> value(properties, "aws.region"))
                .or(() -> value(properties, "aws.default.region"));
        if (!enabled || !credentials || region.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProviderConfig("bedrock", ProviderKind.BEDROCK,
                value(properties, "bedrock.base.url").map(EnvironmentProviders::stripSlash).orElse(null), null,
                declaredModels(properties, "bedrock").orElse(BEDROCK_MODELS), Map.of("region", region.get()), null));
    }

    private static Optional<List<String>> declaredModels(PropertyResolver properties, String prefix) {
        return value(properties, prefix + ".models").map(list -> Arrays.stream(list.split(","))
                .map(String::strip).filter(model -> !model.isEmpty()).distinct().toList());
    }

    private static Optional<String> value(PropertyResolver properties, String name) {
        return properties.get(name, String.class).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
