package dev.athanor.aws.agents;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.agents.AgentOverride;
import dev.athanor.model.agents.AgentRepository;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.List;
import java.util.Optional;

/**
 * Agent overrides in the {@code agents} table, one item per team and agent id; a team that changed nothing has no
 * item. Exists only in functions given the table (the factory, and its worker that runs the agents).
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.agents")
public class DynamoAgentRepository implements AgentRepository, TeamData {

    private final TeamScopedTable<AgentItem> table;

    public DynamoAgentRepository(DynamoDbEnhancedClient client, TableNames names) {
        this.table = new TeamScopedTable<>(client, names, Tables.AGENTS, AgentItem::new);
    }

    @Override
    public Optional<Versioned<AgentOverride>> find(TeamId team, String agentId) {
        return table.get(team, agentId).map(DynamoAgentRepository::view);
    }

    @Override
    public List<Versioned<AgentOverride>> list(TeamId team) {
        return table.list(team).stream().map(DynamoAgentRepository::view).toList();
    }

    @Override
    public Versioned<AgentOverride> save(TeamId team, AgentOverride override, Long expectedVersion) {
        AgentItem saved = table.put(team, override.agentId(), expectedVersion, item -> {
            item.setName(override.name());
            item.setStatus(override.status());
            item.setModel(override.model());
            item.setSystemPrompt(override.systemPrompt());
            item.setDescription(override.description());
            item.setUpdatedAt(override.updatedAt());
        });
        return new Versioned<>(override, saved.getVersion());
    }

    @Override
    public String name() {
        return "agents";
    }

    @Override
    public void wipe(TeamId team) {
        table.list(team).forEach(item -> table.delete(team, item.getId()));
    }

    private static Versioned<AgentOverride> view(AgentItem item) {
        return new Versioned<>(new AgentOverride(item.getId(), item.getName(), item.getStatus(), item.getModel(),
                item.getSystemPrompt(), item.getDescription(), item.getUpdatedAt()), item.getVersion());
    }
}
