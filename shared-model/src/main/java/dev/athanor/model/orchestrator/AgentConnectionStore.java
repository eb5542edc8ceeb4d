package dev.athanor.model.orchestrator;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * Port: a team's agent connections, one per agent id, with their API keys kept sealed. Writes are conditional on
 * the version read (optimistic locking).
 */
public interface AgentConnectionStore extends TeamData {

    /**
     * Stores the connection: a new one when {@code expectedVersion} is null, else a replacement of the one stored at
     * that version. With {@code newApiKey} that key is sealed and kept under the connection's {@code apiKeyId};
     * without it the stored key is kept while {@code apiKeyId} still names it, and dropped when it is null.
     *
     * @throws dev.athanor.model.error.ConflictException when the connection exists (create) or changed (update)
     */
    Versioned<AgentConnection> save(TeamId team, AgentConnection connection, @Nullable String newApiKey,
                                    @Nullable Long expectedVersion);

    Optional<Versioned<AgentConnection>> find(TeamId team, String agentId);

    /** A page of the team's connections, by agent id. */
    Page<AgentConnection> list(TeamId team, PageRequest page);

    /** The connection's API key in plain text, for calling the agent; empty when it has none. */
    Optional<String> apiKey(TeamId team, String agentId);

    /** Removes the connection and its key; false when there was none. */
    boolean delete(TeamId team, String agentId);
}
