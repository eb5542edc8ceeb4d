package dev.athanor.aws.live;

import dev.athanor.model.live.ConnectionSender;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Pushes to clients of the WebSocket API through API Gateway's management API ({@code POST @connections/{id}}); a
 * client that has gone answers 410 (GoneException). API Gateway cannot close a socket with a chosen code: a close is a
 * {@code DELETE @connections/{id}}, which clients see as 1001 (going away).
 * <p>
 * The client is micronaut-aws's, present where the SDK module is (the orchestrator's jar); its endpoint is the API's
 * connection URL ({@code https://<api id>.execute-api.<region>.amazonaws.com/<stage>}), set as
 * {@value #ENDPOINT} ({@code AWS_SERVICES_EXECUTE_API_ENDPOINT_OVERRIDE}): where that is not set, nothing is pushed.
 */
@Singleton
@Requires(classes = ApiGatewayManagementApiClient.class)
@Requires(property = ManagementApiSender.ENDPOINT)
public class ManagementApiSender implements ConnectionSender {

    public static final String ENDPOINT = "aws.services.execute-api.endpoint-override";

    private static final Logger LOG = LoggerFactory.getLogger(ManagementApiSender.class);

    private final ApiGatewayManagementApiClient api;

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
}
