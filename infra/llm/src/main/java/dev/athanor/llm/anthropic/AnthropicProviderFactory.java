package dev.athanor.llm.anthropic;

import dev.athanor.llm.ProviderClientFactory;
import dev.athanor.llm.http.VendorClient;
import dev.athanor.llm.http.VendorHttp;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Clients of the {@code anthropic} kind. Options: {@code anthropic-version} (default 2023-06-01) and
 * {@code max-tokens}, the completion limit sent when a request sets none (the API requires one; default 4096).
 */
@Singleton
public class AnthropicProviderFactory implements ProviderClientFactory {

    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final String DEFAULT_VERSION = "2023-06-01";
    static final int DEFAULT_MAX_TOKENS = 4096;

    private final JsonMapper json;
    private final VendorClient transport;

    public AnthropicProviderFactory(JsonMapper json, VendorClient transport) {
        this.json = json;
        this.transport = transport;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.ANTHROPIC;
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        Map<String, String> headers = new LinkedHashMap<>();
        String key = config.apiKey();
        if (key != null && !key.isBlank()) {
            headers.put("x-api-key", key);
        }
        headers.put("anthropic-version", config.option("anthropic-version", DEFAULT_VERSION));
        String baseUrl = config.baseUrlOr(DEFAULT_BASE_URL);
        return new AnthropicProvider(config.id(),
                new VendorHttp(config.id(), baseUrl, config.timeouts(), headers, key, AnthropicProvider::errorMessage, json, transport.forProvider(config)),
                maxTokens(config.option("max-tokens", null)), json);
    }

    private static int maxTokens(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_TOKENS;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException invalid) {
            // reported below
        }
        throw new InvalidInputException("option max-tokens must be a positive whole number");
    }
}
