package dev.athanor.aws.breakers;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.BreakerSnapshot;
import dev.athanor.model.llm.CircuitBreakerStore;
import dev.athanor.model.llm.CircuitState;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Breaker state in DynamoDB. Every transition is a single conditional update, so concurrent Lambda instances cannot
 * both win a probe or lose a failure count: ADD keeps the count exact, and state changes are conditioned on the
 * state (and its timestamp) the caller saw.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.breakers")
public class DynamoCircuitBreakerStore implements CircuitBreakerStore {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoCircuitBreakerStore(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.tableName = names.require(Tables.BREAKERS);
    }

    @Override
    public BreakerSnapshot read(TeamId team, String breaker) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tableName).key(key(team, breaker))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? BreakerSnapshot.CLOSED : toSnapshot(item);
    }

    @Override
    public BreakerSnapshot recordFailure(TeamId team, String breaker, int threshold, Instant now) {
        Map<String, AttributeValue> counted = dynamo.updateItem(b -> b.tableName(tableName).key(key(team, breaker))
                .updateExpression("ADD failures :one SET #state = if_not_exists(#state, :closed), "
                        + "changed_at = if_not_exists(changed_at, :zero), last_failure_at = :now")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":one", n(1), ":closed", s(CircuitState.CLOSED),
                        ":zero", n(0), ":now", n(now.toEpochMilli())))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        BreakerSnapshot after = toSnapshot(counted);
        boolean trips = after.state() == CircuitState.HALF_OPEN
                || (after.state() == CircuitState.CLOSED && after.failures() >= threshold);
        if (!trips) {
            return after;
        }
        try {
            Map<String, AttributeValue> opened = dynamo.updateItem(b -> b.tableName(tableName)
                    .key(key(team, breaker))
                    .updateExpression("SET #state = :open, changed_at = :now")
                    .conditionExpression("#state = :seen AND changed_at = :seenAt")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":open", s(CircuitState.OPEN), ":now", n(now.toEpochMilli()),
                            ":seen", s(after.state()), ":seenAt", n(after.changedAt().toEpochMilli())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return toSnapshot(opened);
        } catch (ConditionalCheckFailedException raced) {
            return read(team, breaker); // another instance changed the state first; its decision stands
        }
    }

    @Override
    public void recordSuccess(TeamId team, String breaker) {
        dynamo.updateItem(b -> b.tableName(tableName).key(key(team, breaker))
                .updateExpression("SET #state = :closed, failures = :zero, changed_at = :zero")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":closed", s(CircuitState.CLOSED), ":zero", n(0))));
    }

    @Override
    public boolean tryProbe(TeamId team, String breaker, BreakerSnapshot seen, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(tableName).key(key(team, breaker))
                    .updateExpression("SET #state = :half, changed_at = :now")
                    .conditionExpression("#state = :seen AND changed_at = :seenAt")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":half", s(CircuitState.HALF_OPEN), ":now",
                            n(now.toEpochMilli()), ":seen", s(seen.state()),
                            ":seenAt", n(seen.changedAt().toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(TeamId team, String breaker) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("team_id", AttributeValue.fromS(team.value()));
        key.put("id", AttributeValue.fromS(breaker));
        return key;
    }

    private static BreakerSnapshot toSnapshot(Map<String, AttributeValue> item) {
        CircuitState state = CircuitState.fromWire(item.containsKey("state") ? item.get("state").s() : null);
        int failures = item.containsKey("failures") ? Integer.parseInt(item.get("failures").n()) : 0;
        long changedAt = item.containsKey("changed_at") ? Long.parseLong(item.get("changed_at").n()) : 0;
        Instant lastFailure = item.containsKey("last_failure_at")
                ? Instant.ofEpochMilli(Long.parseLong(item.get("last_failure_at").n())) : null;
        return new BreakerSnapshot(state, failures, Instant.ofEpochMilli(changedAt), lastFailure);
    }

    private static AttributeValue s(CircuitState state) {
        return AttributeValue.fromS(state.wireName());
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
