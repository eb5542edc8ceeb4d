package dev.athanor.live;

import dev.athanor.core.auth.TeamPrincipal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * The live events socket on the local server ({@code /ws}, {@code /ws/project/{id}}, {@code /ws/task/{id}}, or
 * {@code /ws?channel=...}): the handshake is authenticated like every route ({@link SocketTokenReader}) and its
 * channel admitted by {@link SocketAdmission} before the upgrade; then frames go to {@link LiveChannels}, as API
 * Gateway's routes do in the cloud.
 */
@ServerWebSocket(value = "/ws{/kind}{/id}", subprotocols = SocketTokens.BEARER_PROTOCOL)
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = LocalSessions.ENABLED, value = "true")
@Requires(beans = LiveChannels.class)
class LocalSocketServer {

    private final LiveChannels channels;
    private final LocalSessions sessions;

    LocalSocketServer(LiveChannels channels, LocalSessions sessions) {
        this.channels = channels;
        this.sessions = sessions;
    }

    @OnOpen
    void open(WebSocketSession session, HttpRequest<?> request) {
        String channel = SocketAdmission.channel(request).orElse(Channels.GLOBAL);
        TeamPrincipal principal = request.getUserPrincipal(Authentication.class).map(TeamPrincipal::of).orElse(null);
        if (principal == null) {
            session.close(new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), "Not authenticated"));
            return;
        }
        sessions.add(session);
        session.sendSync(channels.open(LocalSessions.connectionId(session), principal, channel));
    }

    @OnMessage(maxPayloadLength = LiveChannels.MAX_FRAME_BYTES)
    void message(String frame, WebSocketSession session) {
        LiveChannels.Reply reply = channels.receive(LocalSessions.connectionId(session), frame);
        reply.messages().forEach(session::sendSync);
        if (reply.closeCode() != null) {
            session.close(new CloseReason(reply.closeCode(), reply.closeReason()));
        }
    }

    @OnClose
    void close(WebSocketSession session) {
        sessions.remove(session);
        channels.close(LocalSessions.connectionId(session));
    }
}
