package dev.athanor.aws.promptlab;

import dev.athanor.model.TeamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.Map;

/**
 * Hands out 1, 2, 3... per counter item with one atomic {@code ADD}: concurrent creators never get the same number
 * and nothing has to be read or scanned first. A number whose write then fails is skipped, never handed out again.
 */
final class AtomicCounter {

    private final DynamoDbClient dynamo;
    private final String tableName;

    AtomicCounter(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    long next(TeamId team, String counterId) {
        Map<String, AttributeValue> counted = dynamo.updateItem(b -> b.tableName(tableName)
                .key(Map.of("team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS(counterId)))
                .updateExpression("ADD next_id :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(counted.get("next_id").n());
    }
}
