package dev.athanor.aws.live;

import dev.athanor.aws.dynamo.BatchWrites;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.model.TeamId;
import dev.athanor.model.live.ConnectionStore;
import dev.athanor.model.live.LiveConnection;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Live connections in the {@code live_connections} table (see {@link LiveConnectionItem} for its two kinds of item).
 * A connection's channel set and its subscription items change together: the set first (conditional on the
 * connection being there), then the item, so a subscription never outlives the knowledge of it on its connection,
 * and closing removes both.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.live-connections")
public class DynamoConnectionStore implements ConnectionStore {

    private static final String CONNECTION_SK = "#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoConnectionStore(DynamoDbClient dynamo, TableNames names, Clock clock) {
        this.dynamo = dynamo;
        this.table = names.require(Tables.LIVE_CONNECTIONS);
        this.clock = clock;
    }

    @Override
    public void open(LiveConnection connection) {
        Map<String, AttributeValue> item = new HashMap<>(connectionKey(connection.id()));
        item.put("team_id", s(connection.team().value()));
        item.put("subject", s(connection.subject()));
        item.put("connected_at", n(connection.connectedAt().toEpochMilli()));
        item.put("expires_at", n(connection.expiresAt().getEpochSecond()));
        if (!connection.channels().isEmpty()) {
            item.put("channels", AttributeValue.fromSs(List.copyOf(connection.channels())));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
        for (String channel : connection.channels()) {
            putSubscription(connection.team(), channel, connection.id(), connection.expiresAt());
        }
    }

    @Override
    public Optional<LiveConnection> find(String connectionId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(connectionKey(connectionId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : live(item);
    }

    @Override
    public boolean subscribe(String connectionId, String channel) {
        Map<String, AttributeValue> after;
        try {
            after = dynamo.updateItem(r -> r.tableName(table).key(connectionKey(connectionId))
                    .updateExpression("ADD channels :c")
                    .conditionExpression("attribute_exists(pk) AND expires_at > :now")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromSs(List.of(channel)),
                            ":now", n(clock.instant().getEpochSecond())))
                    .returnValues("ALL_NEW")).attributes();
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
        putSubscription(TeamId.of(after.get("team_id").s()), channel, connectionId,
                Instant.ofEpochSecond(Long.parseLong(after.get("expires_at").n())));
        return true;
    }

    @Override
    public void unsubscribe(String connectionId, String channel) {
        Map<String, AttributeValue> after;
        try {
            after = dynamo.updateItem(r -> r.tableName(table).key(connectionKey(connectionId))
                    .updateExpression("DELETE channels :c")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromSs(List.of(channel))))
                    .returnValues("ALL_NEW")).attributes();
        } catch (ConditionalCheckFailedException gone) {
            return;
        }
        TeamId team = TeamId.of(after.get("team_id").s());
        dynamo.deleteItem(r -> r.tableName(table).key(subscriptionKey(team, channel, connectionId)));
    }

    @Override
    public void close(String connectionId) {
        Map<String, AttributeValue> removed = dynamo.deleteItem(r -> r.tableName(table).key(connectionKey(connectionId))
                .returnValues("ALL_OLD")).attributes();
        if (removed == null || removed.isEmpty() || !removed.containsKey("channels")) {
            return;
        }
        TeamId team = TeamId.of(removed.get("team_id").s());
        List<WriteRequest> deletes = removed.get("channels").ss().stream()
                .map(channel -> WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(subscriptionKey(team, channel, connectionId)).build()).build())
                .toList();
        // a subscription left over after the attempts would only expire
        BatchWrites.send(dynamo, table, deletes, 5);
    }

    @Override
    public Set<String> subscribers(TeamId team, Collection<String> channels) {
        long now = clock.instant().getEpochSecond();
        Set<String> ids = new LinkedHashSet<>();
        for (String channel : new LinkedHashSet<>(channels)) {
            queryAll(q -> q.keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(channelKey(team, channel))))
                    .projectionExpression("sk, expires_at"))
                    .filter(i -> Long.parseLong(i.get("expires_at").n()) > now)
                    .forEach(i -> ids.add(i.get("sk").s()));
        }
        return ids;
    }

    @Override
    public List<LiveConnection> connections(TeamId team) {
        return queryAll(q -> q.indexName(LiveConnectionItem.BY_TEAM).keyConditionExpression("team_id = :team")
                .expressionAttributeValues(Map.of(":team", s(team.value()))))
                .map(this::live).flatMap(Optional::stream).toList();
    }

    /** Every item a query matches, page after page. */
    private Stream<Map<String, AttributeValue>> queryAll(Consumer<QueryRequest.Builder> query) {
        return dynamo.queryPaginator(r -> query.accept(r.tableName(table))).items().stream();
    }

    private Optional<LiveConnection> live(Map<String, AttributeValue> item) {
        Instant expires = Instant.ofEpochSecond(Long.parseLong(item.get("expires_at").n()));
        if (!clock.instant().isBefore(expires)) {
            return Optional.empty();
        }
        Set<String> channels = item.containsKey("channels") ? Set.copyOf(item.get("channels").ss()) : Set.of();
        return Optional.of(new LiveConnection(item.get("pk").s().substring("conn#".length()),
                TeamId.of(item.get("team_id").s()), item.get("subject").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("connected_at").n())), expires, channels));
    }

    private void putSubscription(TeamId team, String channel, String connectionId, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(subscriptionKey(team, channel, connectionId));
        item.put("expires_at", n(expiresAt.getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> connectionKey(String connectionId) {
        return Map.of("pk", s("conn#" + connectionId), "sk", s(CONNECTION_SK));
    }

    private static Map<String, AttributeValue> subscriptionKey(TeamId team, String channel, String connectionId) {
        return Map.of("pk", s(channelKey(team, channel)), "sk", s(connectionId));
    }

    private static String channelKey(TeamId team, String channel) {
        return "chan#" + team.value() + "#" + channel;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
