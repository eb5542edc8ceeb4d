package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.LlmTimeouts;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.time.Duration;

/**
 * The SDK clients one set of connection settings needs: a blocking client for Converse and InvokeModel, and an
 * async one for ConverseStream, which SDK v2 offers only there. Built once per settings and shared by every
 * provider that uses them, because each client owns HTTP connection pools and threads.
 */
final class BedrockConnection implements AutoCloseable {

    /** The settings that decide how the clients are built; providers with equal settings share clients. */
    record Settings(String endpoint, String region, LlmTimeouts timeouts) {
    }

    private final SdkHttpClient httpClient;
    private final SdkAsyncHttpClient asyncHttpClient;
    private final DefaultCredentialsProvider credentials;
    private final BedrockRuntimeClient client;
    private final BedrockRuntimeAsyncClient asyncClient;

    BedrockConnection(Settings settings) {
        LlmTimeouts timeouts = settings.timeouts();
        // the router owns retries and the call deadline is enforced here, so the SDK neither retries nor waits longer
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(timeouts.total())
                .build();
        Duration longest = max(timeouts.total(), timeouts.firstToken());
        this.credentials = DefaultCredentialsProvider.builder().build();
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .socketTimeout(longest)
                .build();
        this.asyncHttpClient = NettyNioAsyncHttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .readTimeout(longest)
                .build();
        Region region = Region.of(settings.region());
        URI endpoint = settings.endpoint() == null ? null : URI.create(settings.endpoint());
        var syncBuilder = BedrockRuntimeClient.builder()
                .httpClient(httpClient)
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(overrides);
        var asyncBuilder = BedrockRuntimeAsyncClient.builder()
                .httpClient(asyncHttpClient)
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(overrides);
        if (endpoint != null) {
            syncBuilder.endpointOverride(endpoint);
            asyncBuilder.endpointOverride(endpoint);
        }
        this.client = syncBuilder.build();
        this.asyncClient = asyncBuilder.build();
    }

    BedrockRuntimeClient client() {
        return client;
    }

    BedrockRuntimeAsyncClient asyncClient() {
        return asyncClient;
    }

    @Override
    public void close() {
        // service clients do not close HTTP clients they were handed, so each part is closed here
        client.close();
        asyncClient.close();
        httpClient.close();
        asyncHttpClient.close();
        credentials.close();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
