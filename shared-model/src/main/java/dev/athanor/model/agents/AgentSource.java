package dev.athanor.model.agents;

import dev.athanor.model.TeamId;

/** Port: the configuration an agent of a team runs with (the team's own, or the defaults when it has none). */
public interface AgentSource {

    /**
     * @throws dev.athanor.model.error.NotFoundException when no agent has that id
     */
    AgentConfig resolve(TeamId team, String agentId);
}
