package dev.athanor.aws.dynamo;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import io.micronaut.core.annotation.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Typed access to one table whose items are keyed by team. Every method takes the team, so an unscoped read or
 * write cannot be expressed. Writes are conditional on the item's version: a writer holding a stale copy gets a
 * {@link ConflictException} instead of overwriting a newer one.
 */
public class TeamScopedTable<T extends TeamScopedItem> {

    /** The most keys one BatchGetItem takes. */
    private static final int BATCH_GET = 100;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<T> table;
    private final Supplier<T> factory;

    public TeamScopedTable(DynamoDbEnhancedClient client, TableNames names, TableDefinition<T> definition,
                           Supplier<T> factory) {
        this.client = client;
        this.table = client.table(names.require(definition), definition.schema());
        this.factory = factory;
    }

    public Optional<T> get(TeamId team, String id) {
        return Optional.ofNullable(table.getItem(key(team, id)));
    }

    /** {@link #get} with a strongly consistent read: the latest write, for a read-modify-write that must not lag. */
    public Optional<T> getLatest(TeamId team, String id) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(team, id)).consistentRead(true)));
    }

    /**
     * {@link #get} reading only {@code attributes} (and the keys) of the item, so its larger attributes are not read.
     * A query of the one key: a get cannot project.
     */
    public Optional<T> getProjected(TeamId team, String id, String... attributes) {
        List<String> projected = new java.util.ArrayList<>(List.of("team_id", "id"));
        projected.addAll(List.of(attributes));
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(key(team, id)))
                        .attributesToProject(projected)
                        .build())
                .items().stream().findFirst();
    }

    /**
     * The team's items of these ids that exist, strongly consistent, in no particular order: BatchGetItem, 100 keys
     * a call (the enhanced client asks again for keys a call left unprocessed).
     */
    public List<T> getAll(TeamId team, Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        List<T> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += BATCH_GET) {
            ReadBatch.Builder<T> batch = ReadBatch.builder(table.tableSchema().itemType().rawClass())
                    .mappedTableResource(table);
            distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET))
                    .forEach(id -> batch.addGetItem(r -> r.key(key(team, id)).consistentRead(true)));
            client.batchGetItem(r -> r.readBatches(batch.build())).resultsForTable(table).forEach(found::add);
        }
        return found;
    }

    /**
     * Every item of one partition of {@code index} that passes {@code filter} (null: all), in sort-key order or
     * (descending) reversed, reading only {@code attributes} (and the table's keys), which the index must project.
     * The whole partition is read, a Query page at a time: for partitions of thousands of small projected items.
     * The partition must be the team's (its id, or its id then {@code #}: team ids have no {@code #}), so no other
     * team's items can be read.
     */
    public List<T> indexPartition(TeamId team, String index, String partition, boolean descending,
                                  @Nullable Expression filter, String... attributes) {
        if (!partition.equals(team.value()) && !partition.startsWith(team.value() + "#")) {
            throw new IllegalArgumentException("Partition " + partition + " is not team " + team.value() + "'s");
        }
        List<String> projected = new ArrayList<>(List.of("team_id", "id"));
        projected.addAll(List.of(attributes));
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build()))
                .scanIndexForward(!descending)
                .attributesToProject(projected);
        if (filter != null) {
            request.filterExpression(filter);
        }
        return table.index(index).query(request.build()).stream().flatMap(page -> page.items().stream()).toList();
    }

    /** Every item of the team, in sort-key order (the query pages through the whole partition). */
    public List<T> list(TeamId team) {
        return table.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(team.value()).build()))
                .items().stream().toList();
    }

    /** This table's items (with {@code index}, that index's), read a page at a time. */
    public PagedQuery<T> pages(@Nullable String index) {
        return PagedQuery.over(table, index);
    }

    /** Removes the item; false when there was none. */
    public boolean delete(TeamId team, String id) {
        return table.deleteItem(key(team, id)) != null;
    }

    /**
     * Writes the whole item for the team. With {@code expectedVersion == null} the item must not exist yet; otherwise
     * the stored version must still be {@code expectedVersion}. Returns the item as stored, with its new version.
     */
    public T put(TeamId team, String id, Long expectedVersion, Consumer<T> fill) {
        T item = factory.get();
        fill.accept(item);
        item.setTeamId(team.value());
        item.setId(id);
        item.setVersion(expectedVersion);
        try {
            // an update (not a put) returns the stored attributes, including the version the extension wrote
            return table.updateItem(item);
        } catch (ConditionalCheckFailedException e) {
            throw new ConflictException(expectedVersion == null
                    ? "'" + id + "' already exists"
                    : "'" + id + "' was changed by another request; read it again and retry", e);
        }
    }

    private static Key key(TeamId team, String id) {
        return Key.builder().partitionValue(team.value()).sortValue(id).build();
    }

    /**
     * Removes every item of the team (a wipe) and returns how many there were. Items are deleted one by one, so a
     * failure part-way leaves the rest for a repeated call; other teams' items are never read.
     */
    public int deleteAll(TeamId team) {
        return deleteAllExcept(team, null);
    }

    /** {@link #deleteAll} but for the item {@code kept} (null: none), e.g. an id counter that must keep counting. */
    public int deleteAllExcept(TeamId team, @Nullable String kept) {
        Key partition = Key.builder().partitionValue(team.value()).build();
        List<String> ids = table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(partition))
                        .attributesToProject("team_id", "id")
                        .build())
                .items().stream().map(TeamScopedItem::getId).filter(id -> !id.equals(kept)).toList();
        ids.forEach(id -> table.deleteItem(key(team, id)));
        return ids.size();
    }

    /** The team's items whose sort key starts with {@code prefix}, in sort-key order or (descending) newest first. */
    public List<T> listPrefix(TeamId team, String prefix, boolean descending) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(team.value()).sortValue(prefix).build()))
                        .scanIndexForward(!descending)
                        .consistentRead(true)
                        .build())
                .items().stream().toList();
    }

    /**
     * Hands the team's items whose sort key starts with {@code prefix} to {@code item} in sort-key order, reading one
     * page of the query at a time (nothing else held), with only {@code attributes} (and the keys) read when given.
     */
    public void forEachWithPrefix(TeamId team, String prefix, Consumer<T> item, String... attributes) {
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(
                        Key.builder().partitionValue(team.value()).sortValue(prefix).build()))
                .consistentRead(true);
        if (attributes.length > 0) {
            List<String> projected = new java.util.ArrayList<>(List.of("team_id", "id"));
            projected.addAll(List.of(attributes));
            request.attributesToProject(projected);
        }
        table.query(request.build()).items().forEach(item);
    }

    /** The ids of the team's items whose sort key starts with {@code prefix}, in order (their keys alone are read). */
    public List<String> idsWithPrefix(TeamId team, String prefix) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(team.value()).sortValue(prefix).build()))
                        .attributesToProject("team_id", "id")
                        .consistentRead(true)
                        .build())
                .items().stream().map(TeamScopedItem::getId).toList();
    }

    /** Removes the team's items whose sort key starts with {@code prefix}; returns how many there were. */
    public int deleteAllWithPrefix(TeamId team, String prefix) {
        List<String> ids = idsWithPrefix(team, prefix);
        ids.forEach(id -> table.deleteItem(key(team, id)));
        return ids.size();
    }
}
