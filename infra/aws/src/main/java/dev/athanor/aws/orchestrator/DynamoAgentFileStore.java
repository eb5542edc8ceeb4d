package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.orchestrator.AgentFile;
import dev.athanor.model.orchestrator.AgentFileStore;
import dev.athanor.model.orchestrator.AgentFileType;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.List;
import java.util.Optional;

/**
 * The index of agent configuration files in the {@code agent_config} table, one item {@code file#<path>} per file
 * (path, type, size, last change, content revision); listing a type filters the team's files. Exists only in
 * functions given the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.agent-config")
public class DynamoAgentFileStore implements AgentFileStore {

    static final String FILE = "file#";
    private static final TableDefinition<AgentFileItem> FILES =
            new TableDefinition<>(Tables.AGENT_CONFIG.logicalName(), AgentFileItem.class);

    private final DynamoDbTable<AgentFileItem> items;
    private final TeamScopedTable<AgentFileItem> table;
    private final PagedQuery<AgentFileItem> pages;

    public DynamoAgentFileStore(DynamoDbEnhancedClient client, TableNames names) {
        this.items = client.table(names.require(FILES), FILES.schema());
        this.table = new TeamScopedTable<>(client, names, FILES, AgentFileItem::new);
        this.pages = table.pages(null).consistent();
    }

    @Override
    public Versioned<AgentFile> create(TeamId team, AgentFile file) {
        return write(team, file, null);
    }

    @Override
    public Optional<Versioned<AgentFile>> find(TeamId team, String path) {
        return table.getLatest(team, FILE + path).map(DynamoAgentFileStore::versioned);
    }

    @Override
    public Versioned<AgentFile> update(TeamId team, AgentFile file, long expectedVersion) {
        return write(team, file, expectedVersion);
    }

    @Override
    public void delete(TeamId team, String path, long expectedVersion) {
        Expression unchanged = Expression.builder().expression("version = :version")
                .putExpressionValue(":version", AttributeValue.fromN(Long.toString(expectedVersion))).build();
        try {
            items.deleteItem(r -> r.key(Key.builder().partitionValue(team.value()).sortValue(FILE + path).build())
                    .conditionExpression(unchanged));
        } catch (ConditionalCheckFailedException e) {
            throw changed(path, e);
        }
    }

    @Override
    public Page<AgentFile> list(TeamId team, @Nullable AgentFileType type, PageRequest page) {
        Expression ofType = type == null ? null : Expression.builder().expression("file_type = :type")
                .putExpressionValue(":type", AttributeValue.fromS(type.wireName())).build();
        return pages.page(team, List.of(new PagedQuery.Slice(team.value(), FILE)), page, ofType)
                .map(item -> versioned(item).value());
    }

    @Override
    public String name() {
        return "agent_files";
    }

    /** The index alone: the files' content goes with the artifact store's own wipe. */
    @Override
    public void wipe(TeamId team) {
        table.deleteAllWithPrefix(team, FILE);
    }

    private Versioned<AgentFile> write(TeamId team, AgentFile file, @Nullable Long expectedVersion) {
        try {
            AgentFileItem saved = table.put(team, FILE + file.path(), expectedVersion, item -> {
                item.setPath(file.path());
                item.setFileType(file.fileType().wireName());
                item.setSize(file.size());
                item.setLastModified(file.lastModified());
                item.setRevision(file.revision());
            });
            return versioned(saved);
        } catch (ConflictException e) {
            throw expectedVersion == null
                    ? new ConflictException("A config file '" + file.path() + "' already exists", e)
                    : changed(file.path(), e);
        }
    }

    private static ConflictException changed(String path, Throwable cause) {
        return new ConflictException("Config file '" + path
                + "' was changed by another request; read it again and retry", cause);
    }

    private static Versioned<AgentFile> versioned(AgentFileItem item) {
        AgentFileType type = AgentFileType.fromWire(item.getFileType()).orElseThrow(() ->
                new IllegalStateException("Stored file type " + item.getFileType() + " is unknown"));
        return new Versioned<>(new AgentFile(item.getPath(), type, item.getSize(), item.getLastModified(),
                item.getRevision()), item.getVersion());
    }
}
