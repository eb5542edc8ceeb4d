package dev.athanor.live;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events API Gateway's WebSocket API sends its Lambda proxy integration: {@code $connect} with the handshake's
 * headers and query string, {@code $default} with a frame's text, {@code $disconnect}. Fields as AWS documents them.
 */
final class SocketEvents {

    static final String API_ID = "a1b2c3d4e5";
    static final String STAGE = "dev";
    static final String DOMAIN = API_ID + ".execute-api.us-east-1.amazonaws.com";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SocketEvents() {
    }

    /** A connection id shaped like API Gateway's (sixteen characters ending in '='). */
    static String connectionId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.append('=').toString();
    }

    /** A handshake with {@code query} parameters and extra {@code headers} (a browser's subprotocols, say). */
    static APIGatewayV2WebSocketEvent connect(String connectionId, Map<String, String> query,
                                              Map<String, String> headers) {
        APIGatewayV2WebSocketEvent event = event("$connect", "CONNECT", connectionId);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", DOMAIN);
        all.put("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        all.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        all.put("Sec-WebSocket-Version", "13");
        all.put("X-Amzn-Trace-Id", "Root=1-" + UUID.randomUUID());
        all.put("X-Forwarded-For", "203.0.113.7");
        all.put("X-Forwarded-Port", "443");
        all.put("X-Forwarded-Proto", "https");
        all.putAll(headers);
        event.setHeaders(all);
        Map<String, List<String>> multi = new LinkedHashMap<>();
        all.forEach((name, value) -> multi.put(name, List.of(value)));
        event.setMultiValueHeaders(multi);
        if (!query.isEmpty()) {
            event.setQueryStringParameters(Map.copyOf(query));
            Map<String, List<String>> multiQuery = new LinkedHashMap<>();
            query.forEach((name, value) -> multiQuery.put(name, List.of(value)));
            event.setMultiValueQueryStringParameters(multiQuery);
        }
        return event;
    }

    /** A text frame; API Gateway passes no headers with it. */
    static APIGatewayV2WebSocketEvent message(String connectionId, String body) {
        APIGatewayV2WebSocketEvent event = event("$default", "MESSAGE", connectionId);
        event.getRequestContext().setMessageId(UUID.randomUUID().toString());
        event.setBody(body);
        return event;
    }

    static APIGatewayV2WebSocketEvent disconnect(String connectionId) {
        APIGatewayV2WebSocketEvent event = event("$disconnect", "DISCONNECT", connectionId);
        event.setHeaders(Map.of("Host", DOMAIN));
        return event;
    }

    private static APIGatewayV2WebSocketEvent event(String route, String type, String connectionId) {
        long now = Instant.now().toEpochMilli();
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(route);
        context.setEventType(type);
        context.setMessageDirection("IN");
        context.setConnectionId(connectionId);
        context.setConnectedAt(now);
        context.setRequestTimeEpoch(now);
        context.setRequestId(UUID.randomUUID().toString());
        context.setExtendedRequestId(UUID.randomUUID().toString());
        context.setDomainName(DOMAIN);
        context.setStage(STAGE);
        context.setApiId(API_ID);
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp("203.0.113.7");
        context.setIdentity(identity);
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setIsBase64Encoded(false);
        return event;
    }
}
