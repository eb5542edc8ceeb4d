package dev.athanor.orchestrator.routing;

import dev.athanor.core.llm.ModelDirectory;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.AgentConnection;
import dev.athanor.model.orchestrator.AgentConnectionStore;
import dev.athanor.model.orchestrator.ConnectionType;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which agents a team can call, and how. An agent with connections of the team is reached through the first of them
 * (by agent id) that Athanor can call: an enabled {@code api} connection naming a model. {@code local} and
 * {@code remote} connections (a CLI on someone's machine, a service Athanor does not speak to) are kept and shown but
 * never called, so an agent whose connections are all of those kinds, or disabled, cannot be routed to. An agent with
 * no connection at all uses the operator's default model for it ({@code athanor.orchestrator.agent-models.<agent>}),
 * else the first model the team's providers list that is named after the agent's family (claude for claude and
 * anthropic, gemini for gemini and google, gpt for openai and copilot), else the first model they list, so a team
 * that set nothing up still gets answers.
 */
@Singleton
public class AgentDirectory {

    /** A team has a handful of connections; more than this many pages of them is not read. */
    private static final int MAX_PAGES = 10;
    private static final int PAGE = 200;

    private final AgentConnectionStore connections;
    private final ModelDirectory models;
    private final OrchestratorAgentsConfiguration config;

    AgentDirectory(AgentConnectionStore connections, ModelDirectory models, OrchestratorAgentsConfiguration config) {
        this.connections = connections;
        this.models = models;
        this.config = config;
    }

    /** The route of every agent type, in the fallback order, read once. */
    public Map<AgentType, AgentRoute> routes(TeamId team) {
        Map<AgentType, List<AgentConnection>> byAgent = new EnumMap<>(AgentType.class);
        for (AgentConnection connection : all(team)) {
            AgentType.ofConnection(connection.agentId())
                    .ifPresent(agent -> byAgent.computeIfAbsent(agent, a -> new ArrayList<>()).add(connection));
        }
        Map<AgentType, AgentRoute> routes = new EnumMap<>(AgentType.class);
        List<String> listed = null;
        for (AgentType agent : AgentType.FALLBACK_ORDER) {
            List<AgentConnection> own = byAgent.getOrDefault(agent, List.of());
            if (!own.isEmpty()) {
                routes.put(agent, connected(agent, own));
                continue;
            }
            String model = config.getAgentModels().get(agent.wireName());
            if (model == null) {
                if (listed == null) {
                    listed = models.list(team).stream().map(ModelDirectory.ListedModel::id).toList();
                }
                model = defaultModel(agent, listed);
            }
            routes.put(agent, model.isEmpty() ? AgentRoute.unusable(agent, null, "agent " + agent.wireName()
                    + " has no connection and the team's providers list no model")
                    : new AgentRoute(agent, null, model, null));
        }
        return routes;
    }

    private static AgentRoute connected(AgentType agent, List<AgentConnection> own) {
        for (AgentConnection c : own) {
            if (c.enabled() && c.connectionType() == ConnectionType.API && c.model() != null && !c.model().isBlank()) {
                return new AgentRoute(agent, c, c.model(), null);
            }
        }
        List<String> described = own.stream().map(c -> c.agentId() + " (" + c.connectionType().wireName()
                + (c.enabled() ? "" : ", disabled") + (c.connectionType() == ConnectionType.API && c.model() == null
                ? ", no model" : "") + ")").toList();
        return AgentRoute.unusable(agent, own.get(0), "agent " + agent.wireName()
                + " has no connection Athanor can call: "
                + String.join(", ", described) + "; an enabled api connection with a model is needed");
    }

    private List<AgentConnection> all(TeamId team) {
        List<AgentConnection> all = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        for (int i = 0; i < MAX_PAGES; i++) {
            Page<AgentConnection> page = connections.list(team, request);
            all.addAll(page.items());
            if (page.next() == null) {
                break;
            }
            request = new PageRequest(PAGE, page.next());
        }
        return all;
    }

    /** The first listed model named after the agent's family ({@link AgentType#family}), else the first listed. */
    static String defaultModel(AgentType agent, List<String> listed) {
        return listed.stream().filter(id -> id.toLowerCase(java.util.Locale.ROOT).contains(agent.family()))
                .findFirst().orElse(listed.isEmpty() ? "" : listed.get(0));
    }
}
