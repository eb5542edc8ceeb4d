package dev.athanor.model.live;

/**
 * Pushes text to a connected client, wherever its socket is held: through API Gateway's management API in the cloud,
 * on the local server's own sessions locally.
 */
public interface ConnectionSender {

    enum Delivery {
        SENT,
        /** The client is no longer connected: the connection should be forgotten. */
        GONE
    }

    Delivery send(String connectionId, String text);

    /** Ends the connection from the server's side; nothing happens when it is already gone. */
    void close(String connectionId, int code, String reason);
}
