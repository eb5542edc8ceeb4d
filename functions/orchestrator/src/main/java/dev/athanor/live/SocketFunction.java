package dev.athanor.live;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * The handler of the cloud's live events socket function: API Gateway's WebSocket API sends it the {@code $connect},
 * {@code $default} (every frame) and {@code $disconnect} routes of each client, which {@link CloudSockets} answers.
 * It runs with {@code athanor.surface=orchestrator-live}, so only the live events part of the jar loads.
 */
public class SocketFunction extends MicronautRequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    @Inject
    CloudSockets sockets;

    /** Used by AWS Lambda. */
    public SocketFunction() {
    }

    /** Used by tests, with a context they configured. */
    public SocketFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public APIGatewayV2WebSocketResponse execute(APIGatewayV2WebSocketEvent event) {
        return sockets.handle(event);
    }
}
