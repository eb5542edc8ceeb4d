package dev.athanor.model.live;

import dev.athanor.model.TeamId;

import java.time.Instant;
import java.util.Set;

/**
 * A client connected to the live events socket, for one team, until it disconnects or {@code expiresAt} passes
 * (a connection that vanished without a word is forgotten then).
 *
 * @param subject  who connected (the token's subject or the API key's id)
 * @param channels the channels it listens on
 */
public record LiveConnection(String id, TeamId team, String subject, Instant connectedAt, Instant expiresAt,
                             Set<String> channels) {

    public LiveConnection {
        channels = Set.copyOf(channels);
    }
}
