package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamId;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The prompt lab's Git state items, each a record stored as JSON. Writes replace the item whole (last write wins):
 * each item has one writer at a time, the request or sync acting on it.
 */
final class GitStateTable {

    static final TableDefinition<GitStateItem> TABLE =
            new TableDefinition<>(Tables.PROMPT_PROJECTS.logicalName(), GitStateItem.class);

    final TeamScopedTable<GitStateItem> table;
    private final JsonMapper json;

    GitStateTable(software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient client, TableNames names,
                  JsonMapper json) {
        this.table = new TeamScopedTable<>(client, names, TABLE, GitStateItem::new);
        this.json = json;
    }

    <T> Optional<T> get(TeamId team, String id, Class<T> type) {
        return table.getLatest(team, id).map(item -> read(item, type));
    }

    void put(TeamId team, String id, long projectId, Object value) {
        String data = write(value);
        Long version = table.getLatest(team, id).map(GitStateItem::getVersion).orElse(null);
        table.put(team, id, version, item -> {
            item.setProjectId(projectId);
            item.setData(data);
        });
    }

    <T> T read(GitStateItem item, Class<T> type) {
        try {
            return json.readValue(item.getData(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String project(long projectId) {
        return String.format("%019d", projectId);
    }
}
