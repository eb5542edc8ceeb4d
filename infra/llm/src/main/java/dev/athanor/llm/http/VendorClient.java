package dev.athanor.llm.http;

import io.micronaut.context.BeanContext;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.HttpClientConfiguration.ConnectionPoolConfiguration.ConnectionLocality;
import io.micronaut.http.client.HttpClientRegistry;
import io.micronaut.http.client.HttpVersionSelection;
import io.micronaut.http.client.LoadBalancer;
import io.micronaut.http.client.RawHttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The HTTP client under every vendor call: Micronaut's Netty client on the application's default event loops, which
 * are the Netty server's own where there is one. A call started while serving a request then takes a connection of
 * that request's event loop, so the upstream exchange and the answer run on the thread that read the request, with
 * no hand-off between threads. The client's own limits are off; each call's deadlines are {@link VendorHttp}'s.
 * One client serves every vendor (its pool is per host), one more for each distinct connect timeout.
 */
@Singleton
public final class VendorClient implements AutoCloseable {

    private static final Duration POOL_IDLE = Duration.ofSeconds(60);

    private final Function<HttpClientConfiguration, RawHttpClient> factory;
    private final ConcurrentMap<Duration, RawHttpClient> clients = new ConcurrentHashMap<>();

    @Inject
    public VendorClient(HttpClientRegistry<?> registry, BeanContext context) {
        this(configuration -> (RawHttpClient) registry.resolveClient(null, LoadBalancer.empty(), configuration, context));
    }

    private VendorClient(Function<HttpClientConfiguration, RawHttpClient> factory) {
        this.factory = factory;
    }

    /** A client with event loops of its own, for code that runs outside an application context. */
    public static VendorClient standalone() {
        return new VendorClient(configuration -> RawHttpClient.create(null, configuration));
    }

    RawHttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, timeout -> factory.apply(configuration(timeout)));
    }

    private static HttpClientConfiguration configuration(Duration connectTimeout) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(connectTimeout);
        configuration.setReadTimeout(null);
        configuration.setReadIdleTimeout(null);
        configuration.setConnectionPoolIdleTimeout(POOL_IDLE);
        configuration.setFollowRedirects(false);
        configuration.setExceptionOnErrorStatus(false);
        // https vendors negotiate HTTP/2 (many calls share one connection); plain http stays HTTP/1.1 (Ollama, vLLM)
        configuration.setPlaintextMode(HttpVersionSelection.PlaintextMode.HTTP_1);
        configuration.setAlpnModes(List.of(HttpVersionSelection.ALPN_HTTP_2, HttpVersionSelection.ALPN_HTTP_1));
        configuration.getConnectionPoolConfiguration().setConnectionLocality(ConnectionLocality.PREFERRED);
        return configuration;
    }

    @Override
    @PreDestroy
    public void close() {
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        });
        clients.clear();
    }
}
