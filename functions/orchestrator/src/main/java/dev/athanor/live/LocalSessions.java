package dev.athanor.live;

import dev.athanor.model.live.ConnectionSender;
import dev.athanor.model.live.ConnectionStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local server's open sockets by connection id: what API Gateway holds in the cloud. Only the sockets themselves
 * are here; who listens where is in the connection store, as in the cloud.
 */
@Singleton
@Requires(property = LocalSessions.ENABLED, value = "true")
@Requires(beans = ConnectionStore.class)
public class LocalSessions implements ConnectionSender {

    /** Set by the local platform: the orchestrator's own server takes the sockets. */
    public static final String ENABLED = "athanor.live.local-sockets";

    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

    static String connectionId(WebSocketSession session) {
        return "local-" + session.getId();
    }

    void add(WebSocketSession session) {
        sessions.put(connectionId(session), session);
    }

    void remove(WebSocketSession session) {
        sessions.remove(connectionId(session));
    }

    @Override
    public Delivery send(String connectionId, String text) {
        WebSocketSession session = sessions.get(connectionId);
        if (session == null || !session.isOpen()) {
            return Delivery.GONE;
        }
        try {
            session.sendSync(text);
            return Delivery.SENT;
        } catch (RuntimeException closedMeanwhile) {
            if (!session.isOpen()) {
                return Delivery.GONE;
            }
            throw closedMeanwhile;
        }
    }

    @Override
    public void close(String connectionId, int code, String reason) {
        WebSocketSession session = sessions.get(connectionId);
        if (session != null && session.isOpen()) {
            session.close(new CloseReason(code, reason));
        }
    }

    /** How many sockets this server holds open. */
    public int open() {
        return (int) sessions.values().stream().filter(WebSocketSession::isOpen).count();
    }
}
