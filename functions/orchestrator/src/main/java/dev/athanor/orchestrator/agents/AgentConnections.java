package dev.athanor.orchestrator.agents;

import dev.athanor.core.http.PathIds;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.AgentConnection;
import dev.athanor.model.orchestrator.AgentConnectionStore;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * A team's agent connections, one per agent id. A path's agent id that cannot be one, an unknown one and another
 * team's are all answered alike (404 "Agent connection not found").
 */
@Singleton
@Requires(beans = AgentConnectionStore.class)
public class AgentConnections {

    private final AgentConnectionStore store;

    AgentConnections(AgentConnectionStore store) {
        this.store = store;
    }

    public Page<AgentConnection> list(TeamId team, PageRequest page) {
        return store.list(team, page);
    }

    public Versioned<AgentConnection> get(TeamId team, String agentId) {
        return store.find(team, PathIds.key(agentId, AgentConnections::notFound))
                .orElseThrow(AgentConnections::notFound);
    }

    public AgentConnection create(TeamId team, ConnectionInput.Change change) {
        return store.save(team, change.connection(), change.newApiKey(), null).value();
    }

    public AgentConnection update(TeamId team, Versioned<AgentConnection> current, ConnectionInput.Change change) {
        return store.save(team, change.connection(), change.newApiKey(), current.version()).value();
    }

    public void delete(TeamId team, String agentId) {
        if (!store.delete(team, get(team, agentId).value().agentId())) {
            throw notFound();
        }
    }

    static NotFoundException notFound() {
        return new NotFoundException("Agent connection not found");
    }
}
