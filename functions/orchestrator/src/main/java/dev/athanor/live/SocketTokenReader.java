package dev.athanor.live;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Finds a socket client's credential ({@link SocketTokens}) on the local server's WebSocket handshakes, and only there:
 * no other route takes a token from the query string.
 */
@Singleton
@Requires(property = "micronaut.security.enabled", notEquals = StringUtils.FALSE)
final class SocketTokenReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        String path = request.getPath();
        if (!"websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeaders.UPGRADE))
                || !(path.equals("/ws") || path.startsWith("/ws/"))) {
            return Optional.empty();
        }
        return SocketTokens.find(request.getParameters().get(SocketTokens.QUERY_PARAMETER),
                request.getHeaders().get(SocketTokens.PROTOCOL_HEADER));
    }
}
