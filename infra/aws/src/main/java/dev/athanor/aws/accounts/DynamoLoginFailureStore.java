package dev.athanor.aws.accounts;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.model.accounts.LoginFailureStore;
import dev.athanor.model.accounts.LoginFailures;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.Map;

/**
 * Failed-login counters ({@code failures#<key>}) in the {@code accounts} table. A failure is one atomic
 * {@code ADD}, so failures counted at once by many instances all count; a counter whose last failure is older than
 * the window starts again at one. Counters expire through the table's TTL ({@code purge_at}). The low-level client
 * is used because the enhanced client has no {@code ADD} of a given amount.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.accounts")
public class DynamoLoginFailureStore implements LoginFailureStore {

    static final String FAILURES = "failures#";

    private final DynamoDbClient dynamo;
    private final String tableName;

    public DynamoLoginFailureStore(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.tableName = names.require(Tables.ACCOUNTS);
    }

    @Override
    public LoginFailures get(String key, Instant windowStart) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName).key(key(key)).consistentRead(true))
                .item();
        LoginFailures failures = toFailures(item);
        return failures.lastFailureAt().isBefore(windowStart) ? LoginFailures.NONE : failures;
    }

    @Override
    public LoginFailures recordFailure(String key, Instant now, Instant windowStart, Instant forgetAt) {
        Map<String, AttributeValue> values = Map.of(
                ":one", AttributeValue.fromN("1"),
                ":now", number(now.toEpochMilli()),
                ":purge", number(forgetAt.getEpochSecond()),
                ":window", number(windowStart.toEpochMilli()));
        try {
            return toFailures(dynamo.updateItem(r -> r.tableName(tableName).key(key(key))
                    .updateExpression("SET last_failure_at = :now, purge_at = :purge ADD failures :one")
                    .conditionExpression("attribute_not_exists(pk) OR last_failure_at >= :window")
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (ConditionalCheckFailedException stale) {
            // the last failure is outside the window: this one starts a new count
            return toFailures(dynamo.updateItem(r -> r.tableName(tableName).key(key(key))
                    .updateExpression("SET last_failure_at = :now, purge_at = :purge, failures = :one")
                    .expressionAttributeValues(Map.of(":one", values.get(":one"), ":now", values.get(":now"),
                            ":purge", values.get(":purge")))
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        }
    }

    @Override
    public void reset(String key) {
        dynamo.deleteItem(r -> r.tableName(tableName).key(key(key)));
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("pk", AttributeValue.fromS(FAILURES + key));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static LoginFailures toFailures(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("failures") || !item.containsKey("last_failure_at")) {
            return LoginFailures.NONE;
        }
        return new LoginFailures(Integer.parseInt(item.get("failures").n()),
                Instant.ofEpochMilli(Long.parseLong(item.get("last_failure_at").n())));
    }
}
