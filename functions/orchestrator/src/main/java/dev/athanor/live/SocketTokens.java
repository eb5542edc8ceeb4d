package dev.athanor.live;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a socket client's credential is: browsers cannot set headers on a WebSocket, so a token (or API key) comes as
 * the {@code token} query parameter, or among the offered subprotocols as {@code Sec-WebSocket-Protocol: bearer,
 * <token>} (the server then selects {@code bearer}, so the token is never echoed).
 */
public final class SocketTokens {

    public static final String QUERY_PARAMETER = "token";
    public static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    /** The subprotocol a client offers beside its token, and the one the server selects. */
    public static final String BEARER_PROTOCOL = "bearer";

    private SocketTokens() {
    }

    public static Optional<String> find(String queryToken, String offeredProtocols) {
        if (queryToken != null && !queryToken.isBlank()) {
            return Optional.of(queryToken.strip());
        }
        if (offeredProtocols == null || offeredProtocols.isBlank()) {
            return Optional.empty();
        }
        List<String> offered = Arrays.stream(offeredProtocols.split(",")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
        if (!offered.contains(BEARER_PROTOCOL)) {
            return Optional.empty();
        }
        return offered.stream().filter(p -> !p.equals(BEARER_PROTOCOL)).findFirst();
    }

    /** Whether the client offered the {@code bearer} subprotocol, which the handshake must then select. */
    public static boolean offersBearer(String offeredProtocols) {
        return offeredProtocols != null && Arrays.stream(offeredProtocols.split(","))
                .anyMatch(p -> p.strip().equals(BEARER_PROTOCOL));
    }
}
