package dev.athanor.model.live;

import dev.athanor.model.TeamId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where live connections and their subscriptions are kept, so that whichever instance publishes an event finds who
 * listens. A connection is found by its id alone (a socket's later frames carry nothing else); subscriptions are kept
 * under the connection's team.
 */
public interface ConnectionStore {

    /** Records a new connection with its first channels. */
    void open(LiveConnection connection);

    /** The connection, unless it is closed or has expired. */
    Optional<LiveConnection> find(String connectionId);

    /**
     * Adds a channel to a connection.
     *
     * @return false when the connection is closed or expired
     */
    boolean subscribe(String connectionId, String channel);

    /** Removes a channel from a connection; nothing happens when it does not listen there. */
    void unsubscribe(String connectionId, String channel);

    /** Forgets the connection and its subscriptions; nothing happens when it is already gone. */
    void close(String connectionId);

    /** The ids of the live connections of {@code team} listening on any of {@code channels}, each once. */
    Set<String> subscribers(TeamId team, Collection<String> channels);

    /** The team's live connections (for health and counts). */
    List<LiveConnection> connections(TeamId team);

    /** When a connection opened now is forgotten unless it closes first. */
    static Instant expiry(Instant openedAt) {
        // API Gateway ends a WebSocket connection after two hours at most
        return openedAt.plusSeconds(3 * 3600);
    }
}
