package dev.athanor.orchestrator.routing;

import dev.athanor.model.orchestrator.AgentConnection;
import io.micronaut.core.annotation.Nullable;

/**
 * How one agent is reached for a team: through one of its connections, or (when the team has none for the agent)
 * through the operator's default model. {@code problem} says why the agent cannot be called, null when it can.
 */
public record AgentRoute(AgentType agent, @Nullable AgentConnection connection, @Nullable String model,
                         @Nullable String problem) {

    public boolean usable() {
        return problem == null;
    }

    /** The connection's agent id, or null for the default model. */
    @Nullable
    public String connectionId() {
        return connection == null ? null : connection.agentId();
    }

    static AgentRoute unusable(AgentType agent, @Nullable AgentConnection connection, String problem) {
        return new AgentRoute(agent, connection, null, problem);
    }
}
