package dev.athanor.llm.ollama;

import dev.athanor.llm.ProviderClientFactory;
import dev.athanor.llm.http.VendorClient;
import dev.athanor.llm.http.VendorHttp;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;

/**
 * Clients of the {@code ollama} kind. Option {@code pull-timeout} (ISO-8601 duration, default PT1H) bounds a model
 * download; an API key, when set, is sent as a bearer token for an Ollama behind an authenticating proxy.
 */
@Singleton
public class OllamaProviderFactory implements ProviderClientFactory {

    public static final String DEFAULT_BASE_URL = "http://localhost:11434";
    static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofHours(1);

    private final JsonMapper json;
    private final VendorClient transport;

    public OllamaProviderFactory(JsonMapper json, VendorClient transport) {
        this.json = json;
        this.transport = transport;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.OLLAMA;
    }

    @Override
    public OllamaProvider create(ProviderConfig config) {
        String key = config.apiKey();
        Map<String, String> headers = VendorHttp.bearer(key);
        String baseUrl = config.baseUrlOr(DEFAULT_BASE_URL);
        LlmTimeouts timeouts = config.timeouts();
        Duration pull = pullTimeout(config.option("pull-timeout", null));
        LlmTimeouts pullTimeouts = new LlmTimeouts(timeouts.connect(), timeouts.firstToken(), pull);
        return new OllamaProvider(config.id(),
                new VendorHttp(config.id(), baseUrl, timeouts, headers, key, OllamaProvider::errorMessage, json, transport.forProvider(config)),
                pullTimeouts, json);
    }

    private static Duration pullTimeout(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PULL_TIMEOUT;
        }
        try {
            Duration parsed = Duration.parse(value.trim());
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (RuntimeException invalid) {
            // reported below
        }
        throw new InvalidInputException("option pull-timeout must be a positive ISO-8601 duration such as PT30M");
    }
}
