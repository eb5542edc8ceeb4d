package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.orchestrator.AgentConnection;
import dev.athanor.model.orchestrator.AgentConnectionStore;
import dev.athanor.model.orchestrator.ConnectionType;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.secrets.SecretSealer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.Objects;
import java.util.Optional;

/**
 * Agent connections in the {@code agent_config} table, one item {@code connection#<agent_id>} per connection. An API
 * key is sealed with the {@link SecretSealer} under the context {@code <team>/agent-connections/<agent_id>/<key id>},
 * so a sealed key copied to another item, or kept under another key id, does not open. Exists only in functions given
 * the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.agent-config")
public class DynamoAgentConnectionStore implements AgentConnectionStore {

    static final String CONNECTION = "connection#";

    private final TeamScopedTable<AgentConnectionItem> table;
    private final PagedQuery<AgentConnectionItem> pages;
    private final SecretSealer sealer;

    public DynamoAgentConnectionStore(DynamoDbEnhancedClient client, TableNames names,
                                      @Nullable SecretSealer sealer) {
        this.table = new TeamScopedTable<>(client, names, Tables.AGENT_CONFIG, AgentConnectionItem::new);
        this.pages = table.pages(null).consistent();
        this.sealer = sealer;
    }

    @Override
    public Versioned<AgentConnection> save(TeamId team, AgentConnection connection, @Nullable String newApiKey,
                                           @Nullable Long expectedVersion) {
        String id = CONNECTION + connection.agentId();
        String sealedKey = null;
        if (newApiKey != null) {
            if (connection.apiKeyId() == null) {
                throw new IllegalArgumentException("A new API key needs the key id it is kept under");
            }
            sealedKey = sealer().seal(newApiKey, context(team, connection.agentId(), connection.apiKeyId()));
        } else if (connection.apiKeyId() != null && expectedVersion != null) {
            // the stored key stays while the id still names it; another id is a reference to a key kept elsewhere
            AgentConnectionItem current = table.getLatest(team, id).orElse(null);
            if (current != null && connection.apiKeyId().equals(current.getApiKeyId())) {
                sealedKey = current.getSealedApiKey();
            }
        }
        String sealed = sealedKey;
        try {
            AgentConnectionItem saved = table.put(team, id, expectedVersion, item -> {
                item.setAgentId(connection.agentId());
                item.setAgentName(connection.agentName());
                item.setConnectionType(connection.connectionType().wireName());
                item.setEndpoint(connection.endpoint());
                item.setPort(connection.port());
                item.setApiKeyId(connection.apiKeyId());
                item.setSealedApiKey(sealed);
                item.setEnabled(connection.enabled());
                item.setModel(connection.model());
            });
            return new Versioned<>(view(saved), saved.getVersion());
        } catch (ConflictException e) {
            throw new ConflictException(expectedVersion == null
                    ? "An agent connection '" + connection.agentId() + "' already exists"
                    : "Agent connection '" + connection.agentId()
                    + "' was changed by another request; read it again and retry", e);
        }
    }

    @Override
    public Optional<Versioned<AgentConnection>> find(TeamId team, String agentId) {
        return table.getLatest(team, CONNECTION + agentId).map(item -> new Versioned<>(view(item), item.getVersion()));
    }

    @Override
    public Page<AgentConnection> list(TeamId team, PageRequest page) {
        return pages.page(team, new PagedQuery.Slice(team.value(), CONNECTION), page)
                .map(DynamoAgentConnectionStore::view);
    }

    @Override
    public Optional<String> apiKey(TeamId team, String agentId) {
        return table.getLatest(team, CONNECTION + agentId)
                .filter(item -> item.getSealedApiKey() != null)
                .map(item -> sealer().unseal(item.getSealedApiKey(), context(team, agentId, item.getApiKeyId())));
    }

    @Override
    public boolean delete(TeamId team, String agentId) {
        return table.delete(team, CONNECTION + agentId);
    }

    @Override
    public String name() {
        return "agent_connections";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAllWithPrefix(team, CONNECTION);
    }

    private SecretSealer sealer() {
        if (sealer == null) {
            throw new UnavailableException("Agent API keys cannot be stored or read: no sealing key is configured "
                    + "(set athanor.crypto.kms-key-id or athanor.crypto.local-key-file)");
        }
        return sealer;
    }

    static String context(TeamId team, String agentId, String keyId) {
        return team.value() + "/agent-connections/" + agentId + "/" + Objects.requireNonNull(keyId);
    }

    private static AgentConnection view(AgentConnectionItem item) {
        return new AgentConnection(item.getAgentId(), item.getAgentName(),
                ConnectionType.fromWire(item.getConnectionType()).orElseThrow(() -> new IllegalStateException(
                        "Stored connection type " + item.getConnectionType() + " is unknown")),
                item.getEndpoint(), item.getPort(), item.getApiKeyId(), !Boolean.FALSE.equals(item.getEnabled()),
                item.getModel());
    }
}
