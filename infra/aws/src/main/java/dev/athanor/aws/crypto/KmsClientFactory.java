package dev.athanor.aws.crypto;

import io.micronaut.aws.sdk.v2.service.AWSServiceConfiguration;
import io.micronaut.aws.sdk.v2.service.AwsClientFactory;
import io.micronaut.aws.ua.UserAgentProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.kms.KmsAsyncClient;
import software.amazon.awssdk.services.kms.KmsAsyncClientBuilder;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * micronaut-aws-sdk-v2 has no KMS factory: this one builds the client the same way as its others (credentials,
 * region, HTTP client, and {@code aws.services.kms.endpoint-override}). Only the synchronous client is exposed.
 */
@Factory
@Requires(property = CryptoConfiguration.KMS_KEY_ID)
class KmsClientFactory extends AwsClientFactory<KmsClientBuilder, KmsAsyncClientBuilder, KmsClient, KmsAsyncClient> {

    KmsClientFactory(AwsCredentialsProviderChain credentialsProvider, AwsRegionProviderChain regionProvider,
                     @Nullable UserAgentProvider userAgentProvider,
                     @Nullable @Named(KmsClient.SERVICE_NAME) AWSServiceConfiguration configuration) {
        super(credentialsProvider, regionProvider, userAgentProvider, configuration);
    }

    @Override
    protected KmsClientBuilder createSyncBuilder() {
        return KmsClient.builder();
    }

    @Override
    protected KmsAsyncClientBuilder createAsyncBuilder() {
        return KmsAsyncClient.builder();
    }

    @Override
    @Singleton
    public KmsClientBuilder syncBuilder(SdkHttpClient httpClient) {
        return super.syncBuilder(httpClient);
    }

    @Override
    @Bean(preDestroy = "close")
    @Singleton
    public KmsClient syncClient(KmsClientBuilder builder) {
        return super.syncClient(builder);
    }
}
