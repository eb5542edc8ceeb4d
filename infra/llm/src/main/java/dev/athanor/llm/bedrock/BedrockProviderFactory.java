package dev.athanor.llm.bedrock;

import dev.athanor.llm.ProviderClientFactory;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.error.InvalidInputException;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds bedrock providers. Options: {@code region} (default us-east-1). The base URL, when set, overrides the
 * SDK's regional endpoint. Providers with the same endpoint, region and timeouts share one set of SDK clients.
 */
@Singleton
public class BedrockProviderFactory implements ProviderClientFactory, AutoCloseable {

    static final String DEFAULT_REGION = "us-east-1";

    private final JsonMapper json;
    private final Map<BedrockConnection.Settings, BedrockConnection> connections = new ConcurrentHashMap<>();

    public BedrockProviderFactory(JsonMapper json) {
        this.json = json;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.BEDROCK;
    }

    @Override
    public LlmProvider create(ProviderConfig config) {
        String endpoint = endpoint(config.baseUrl());
        String region = config.option("region", DEFAULT_REGION).trim();
        var settings = new BedrockConnection.Settings(endpoint, region.isEmpty() ? DEFAULT_REGION : region,
                config.timeouts());
        BedrockConnection connection = connections.computeIfAbsent(settings, BedrockConnection::new);
        return new BedrockProvider(config.id(), connection, config.timeouts(), config.models(), json);
    }

    /** The endpoint override, or null for the SDK's regional endpoint; anything but an http(s) URL is refused. */
    private static String endpoint(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(baseUrl.trim());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new URISyntaxException(baseUrl, "not an http(s) URL with a host");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidInputException("baseUrl of a bedrock provider must be an http(s) URL, or empty for "
                    + "the regional endpoint");
        }
    }

    @PreDestroy
    @Override
    public void close() {
        connections.values().forEach(BedrockConnection::close);
        connections.clear();
    }
}
