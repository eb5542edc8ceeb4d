package dev.athanor.aws.live;

import io.micronaut.aws.sdk.v2.service.AWSServiceConfiguration;
import io.micronaut.aws.sdk.v2.service.AwsClientFactory;
import io.micronaut.aws.ua.UserAgentProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;

import java.net.URI;

/**
 * The API Gateway Management API client of the orchestrator's WebSocket API, built like micronaut-aws-sdk-v2's other
 * clients (credentials, region, HTTP client). Its endpoint is the API's own connection URL
 * ({@code https://<api id>.execute-api.<region>.amazonaws.com/<stage>}), set in {@value #MANAGEMENT_URL}.
 */
@Factory
@Requires(property = ManagementApiClientFactory.MANAGEMENT_URL)
class ManagementApiClientFactory extends AwsClientFactory<ApiGatewayManagementApiClientBuilder,
        ApiGatewayManagementApiAsyncClientBuilder, ApiGatewayManagementApiClient, ApiGatewayManagementApiAsyncClient> {

    static final String MANAGEMENT_URL = "athanor.live.management-url";

    private final URI endpoint;

    ManagementApiClientFactory(AwsCredentialsProviderChain credentialsProvider, AwsRegionProviderChain regionProvider,
                               @Nullable UserAgentProvider userAgentProvider,
                               @Nullable @Named(ApiGatewayManagementApiClient.SERVICE_NAME)
                               AWSServiceConfiguration configuration,
                               @Value("${" + MANAGEMENT_URL + "}") String managementUrl) {
        super(credentialsProvider, regionProvider, userAgentProvider, configuration);
        this.endpoint = URI.create(managementUrl);
    }

    @Override
    protected ApiGatewayManagementApiClientBuilder createSyncBuilder() {
        return ApiGatewayManagementApiClient.builder();
    }

    @Override
    protected ApiGatewayManagementApiAsyncClientBuilder createAsyncBuilder() {
        return ApiGatewayManagementApiAsyncClient.builder();
    }

    @Override
    @Singleton
    public ApiGatewayManagementApiClientBuilder syncBuilder(SdkHttpClient httpClient) {
        return super.syncBuilder(httpClient).endpointOverride(endpoint);
    }

    @Override
    @Bean(preDestroy = "close")
    @Singleton
    public ApiGatewayManagementApiClient syncClient(ApiGatewayManagementApiClientBuilder builder) {
        return super.syncClient(builder);
    }
}
