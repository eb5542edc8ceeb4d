package dev.athanor.factory.agents;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.agents.AgentConfig;
import dev.athanor.model.agents.AgentOverride;
import dev.athanor.model.agents.AgentRepository;
import dev.athanor.model.agents.AgentSource;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configuration a team's factory agent runs with: the team's stored override over the built-in defaults. Read
 * on every call (one item), so a change made through the API reaches the next phase that runs.
 */
@Singleton
@Requires(beans = AgentRepository.class)
public class TeamAgentSource implements AgentSource {

    private final FactoryAgents agents;
    private final AgentRepository overrides;

    public TeamAgentSource(FactoryAgents agents, AgentRepository overrides) {
        this.agents = agents;
        this.overrides = overrides;
    }

    @Override
    public AgentConfig resolve(TeamId team, String agentId) {
        AgentConfig defaults = agents.defaults(agentId);
        return overrides.find(team, agentId).map(stored -> stored.value().over(defaults)).orElse(defaults);
    }

    /** Every agent of the team, in pipeline order, from one read of its overrides. */
    public List<AgentConfig> all(TeamId team) {
        Map<String, AgentOverride> stored = overrides.list(team).stream().map(Versioned::value)
                .collect(Collectors.toMap(AgentOverride::agentId, Function.identity()));
        return agents.defaults().stream()
                .map(defaults -> stored.containsKey(defaults.agentId())
                        ? stored.get(defaults.agentId()).over(defaults) : defaults)
                .toList();
    }
}
