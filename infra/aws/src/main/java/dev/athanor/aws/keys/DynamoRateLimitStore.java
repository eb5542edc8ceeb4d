package dev.athanor.aws.keys;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.model.TeamId;
import dev.athanor.model.keys.RateLimitStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Counters per window in the {@code rate_limits} table, one item per (team, counter, window), changed only with
 * atomic {@code ADD}s: a limited acquire adds on condition that the count is below the limit, so instances racing
 * for the last request of a window cannot both get it, and nothing is read first. Items expire an hour after their
 * window (TTL); DynamoDB's TTL deletes late, which is harmless since a window is never read after it ends.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.rate-limits")
public class DynamoRateLimitStore implements RateLimitStore {

    static final Duration KEPT_AFTER_WINDOW = Duration.ofHours(1);

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoRateLimitStore(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.tableName = names.require(Tables.RATE_LIMITS);
    }

    @Override
    public boolean tryAcquire(TeamId team, String counter, Instant windowStart, Duration window, long limit) {
        try {
            dynamo.updateItem(b -> b.tableName(tableName)
                    .key(key(team, counter, windowStart))
                    .updateExpression("ADD #count :one SET purge_at = :purge")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                    .expressionAttributeNames(Map.of("#count", "count"))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Long.toString(limit)),
                            ":purge", purgeAt(windowStart, window))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    @Override
    public long current(TeamId team, String counter, Instant windowStart) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tableName)
                .key(key(team, counter, windowStart)).consistentRead(true)
                .projectionExpression("#count").expressionAttributeNames(Map.of("#count", "count"))).item();
        AttributeValue count = item == null ? null : item.get("count");
        return count == null ? 0 : Long.parseLong(count.n());
    }

    @Override
    public void add(TeamId team, String counter, Instant windowStart, Duration window, long amount) {
        dynamo.updateItem(b -> b.tableName(tableName)
                .key(key(team, counter, windowStart))
                .updateExpression("ADD #count :amount SET purge_at = :purge")
                .expressionAttributeNames(Map.of("#count", "count"))
                .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN(Long.toString(amount)),
                        ":purge", purgeAt(windowStart, window))));
    }

    static String id(String counter, Instant windowStart) {
        return counter + "#" + windowStart.getEpochSecond();
    }

    private static Map<String, AttributeValue> key(TeamId team, String counter, Instant windowStart) {
        return Map.of("team_id", AttributeValue.fromS(team.value()),
                "id", AttributeValue.fromS(id(counter, windowStart)));
    }

    private static AttributeValue purgeAt(Instant windowStart, Duration window) {
        return AttributeValue.fromN(Long.toString(windowStart.plus(window).plus(KEPT_AFTER_WINDOW).getEpochSecond()));
    }
}
