package dev.athanor.llm.openai;

import dev.athanor.llm.ProviderClientFactory;
import dev.athanor.llm.http.VendorClient;
import dev.athanor.llm.http.VendorHttp;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.util.Map;

/** Clients of the {@code openai} kind; the bearer header is left out when no key is configured (vLLM, Ollama). */
@Singleton
public class OpenAiProviderFactory implements ProviderClientFactory {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private final JsonMapper json;
    private final VendorClient transport;

    public OpenAiProviderFactory(JsonMapper json, VendorClient transport) {
        this.json = json;
        this.transport = transport;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.OPENAI;
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        String key = config.apiKey();
        Map<String, String> headers = VendorHttp.bearer(key);
        String baseUrl = config.baseUrlOr(DEFAULT_BASE_URL);
        return new OpenAiProvider(config.id(),
                new VendorHttp(config.id(), baseUrl, config.timeouts(), headers, key, OpenAiProvider::errorMessage, json, transport.forProvider(config)));
    }
}
