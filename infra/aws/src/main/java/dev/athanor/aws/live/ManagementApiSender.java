package dev.athanor.aws.live;

import dev.athanor.model.live.ConnectionSender;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

import java.net.URI;

/**
 * Pushes to clients of the WebSocket API through API Gateway's management API ({@code POST @connections/{id}}); a
 * client that has gone answers 410 (GoneException). API Gateway cannot close a socket with a chosen code: a close is a
 * {@code DELETE @connections/{id}}, which clients see as 1001 (going away).
 * <p>
 * Its endpoint is the API's connection URL ({@code https://<api id>.execute-api.<region>.amazonaws.com/<stage>}), set
 * as {@value #ENDPOINT} ({@code AWS_SERVICES_EXECUTE_API_ENDPOINT_OVERRIDE}): where that is not set, nothing is pushed.
 * It builds its client itself, with the function's HTTP client, credentials and region: micronaut-aws's factory for
 * it makes singletons, which every function of the jar would build at its eager start (about 140 classes and two
 * clients), so the orchestrator's jar leaves that factory out.
 */
@Singleton
@Requires(classes = ApiGatewayManagementApiClient.class)
@Requires(property = ManagementApiSender.ENDPOINT)
public class ManagementApiSender implements ConnectionSender, AutoCloseable {

    public static final String ENDPOINT = "aws.services.execute-api.endpoint-override";

    private static final Logger LOG = LoggerFactory.getLogger(ManagementApiSender.class);

    private final ApiGatewayManagementApiClient api;

    @Inject
    public ManagementApiSender(SdkHttpClient http, AwsCredentialsProviderChain credentials,
                               AwsRegionProviderChain region, @Value("${" + ENDPOINT + "}") String endpoint) {
        this(ApiGatewayManagementApiClient.builder().httpClient(http).credentialsProvider(credentials)
                .region(region.getRegion()).endpointOverride(URI.create(endpoint)).build());
    }

    public ManagementApiSender(ApiGatewayManagementApiClient api) {
        this.api = api;
    }

    @Override
    public Delivery send(String connectionId, String text) {
        try {
            api.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromUtf8String(text)));
            return Delivery.SENT;
        } catch (GoneException gone) {
            return Delivery.GONE;
        }
    }

    @Override
    public void close(String connectionId, int code, String reason) {
        try {
            api.deleteConnection(r -> r.connectionId(connectionId));
        } catch (GoneException gone) {
            LOG.debug("Connection {} had already gone", connectionId);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        api.close();
    }
}
