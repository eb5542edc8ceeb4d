package dev.athanor.live;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.athanor.aws.live.ManagementApiSender;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.live.ConnectionSender;
import dev.athanor.model.live.ConnectionStore;
import dev.athanor.model.live.LiveEvent;
import dev.athanor.model.live.LiveEventPublisher;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The routes of API Gateway's WebSocket API, as the socket function receives them: {@code $connect} authenticates the
 * handshake and admits its channel ({@code ?channel=}, API Gateway has no path routing), {@code $default} hands each
 * frame to {@link LiveChannels} and posts the replies through the management API, {@code $disconnect} forgets the
 * connection. A refused {@code $connect} (401, 404) is a refused handshake; the other routes' status codes reach no
 * client. Nothing is thrown back to Lambda: a failure is logged and answered 500.
 */
@Singleton
@Requires(property = ManagementApiSender.ENDPOINT)
@Requires(beans = {LiveChannels.class, LiveEventPublisher.class, ConnectionSender.class, SocketCredentials.class})
public class CloudSockets {

    static final String CONNECT = "$connect";
    static final String DEFAULT = "$default";
    static final String DISCONNECT = "$disconnect";
    static final String CHANNEL_PARAMETER = "channel";

    private static final Logger LOG = LoggerFactory.getLogger(CloudSockets.class);

    private final LiveChannels channels;
    private final ConnectionStore connections;
    private final ConnectionSender sender;
    private final LiveEventPublisher events;
    private final SocketCredentials credentials;

    CloudSockets(LiveChannels channels, ConnectionStore connections, ConnectionSender sender, LiveEventPublisher events,
                 SocketCredentials credentials) {
        this.channels = channels;
        this.connections = connections;
        this.sender = sender;
        this.events = events;
        this.credentials = credentials;
    }

    public APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event) {
        APIGatewayV2WebSocketEvent.RequestContext context = event == null ? null : event.getRequestContext();
        String route = context == null ? null : context.getRouteKey();
        String connectionId = context == null ? null : context.getConnectionId();
        if (route == null || connectionId == null || connectionId.isBlank()) {
            LOG.error("A socket event without a route or connection id (route {})", route);
            return status(500);
        }
        try {
            return switch (route) {
                case CONNECT -> connect(connectionId, event);
                case DEFAULT -> frame(connectionId, event);
                case DISCONNECT -> {
                    channels.close(connectionId);
                    yield status(200);
                }
                default -> {
                    LOG.error("Socket route {} is not one this function serves", route);
                    yield status(500);
                }
            };
        } catch (RuntimeException e) {
            LOG.error("Socket route {} of connection {} failed", route, connectionId, e);
            return status(500);
        }
    }

    private APIGatewayV2WebSocketResponse connect(String connectionId, APIGatewayV2WebSocketEvent event) {
        String offered = header(event, SocketTokens.PROTOCOL_HEADER);
        Optional<TeamPrincipal> principal = SocketTokens.find(query(event, SocketTokens.QUERY_PARAMETER), offered)
                .flatMap(credentials::authenticate);
        if (principal.isEmpty()) {
            return status(401);
        }
        String channel = Optional.ofNullable(query(event, CHANNEL_PARAMETER)).map(String::strip)
                .filter(c -> !c.isEmpty()).orElse(Channels.GLOBAL);
        try {
            channels.admit(principal.get(), channel);
        } catch (LiveChannels.Refused refused) {
            return status(refused.status());
        }
        String connectionStatus = channels.open(connectionId, principal.get(), channel);
        try {
            announce(connectionId, principal.get(), connectionStatus);
        } catch (RuntimeException e) {
            // a client told nothing would wait for its status forever: refuse the handshake, it connects again
            channels.close(connectionId);
            throw e;
        }
        APIGatewayV2WebSocketResponse response = status(200);
        if (SocketTokens.offersBearer(offered)) {
            // a browser fails the handshake when it offered subprotocols and none is selected
            response.setHeaders(Map.of(SocketTokens.PROTOCOL_HEADER, SocketTokens.BEARER_PROTOCOL));
        }
        return response;
    }

    /**
     * Nothing can be posted to a connection before its {@code $connect} has returned, so its {@code connection_status}
     * goes through the events queue like any event, on the connection's private channel.
     */
    private void announce(String connectionId, TeamPrincipal principal, String connectionStatus) {
        String own = Channels.connection(connectionId);
        if (!connections.subscribe(connectionId, own)) {
            throw new IllegalStateException("Connection " + connectionId + " vanished while it was being opened");
        }
        String id = UUID.nameUUIDFromBytes(("connection_status:" + connectionId).getBytes(StandardCharsets.UTF_8))
                .toString();
        events.publish(List.of(new LiveEvent(id, principal.team(), connectionId, List.of(own), connectionStatus)));
    }

    private APIGatewayV2WebSocketResponse frame(String connectionId, APIGatewayV2WebSocketEvent event) {
        LiveChannels.Reply reply = channels.receive(connectionId, body(event));
        for (String message : reply.messages()) {
            if (sender.send(connectionId, message) == ConnectionSender.Delivery.GONE) {
                channels.close(connectionId);
                return status(200);
            }
        }
        if (reply.closeCode() != null) {
            // API Gateway closes it with 1001 whatever the code: the reason is for the log
            LOG.info("Closing connection {}: {} {}", connectionId, reply.closeCode(), reply.closeReason());
            sender.close(connectionId, reply.closeCode(), reply.closeReason());
            channels.close(connectionId);
        }
        return status(200);
    }

    private static String body(APIGatewayV2WebSocketEvent event) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        return event.isIsBase64Encoded() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /** A handshake header's value, its name in any case; several values of it joined as one list. */
    private static String header(APIGatewayV2WebSocketEvent event, String name) {
        if (event.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> header : event.getMultiValueHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
                    return String.join(",", header.getValue());
                }
            }
        }
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
        }
        return null;
    }

    private static String query(APIGatewayV2WebSocketEvent event, String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return parameters == null ? null : parameters.get(name);
    }

    private static APIGatewayV2WebSocketResponse status(int code) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(code);
        return response;
    }
}
