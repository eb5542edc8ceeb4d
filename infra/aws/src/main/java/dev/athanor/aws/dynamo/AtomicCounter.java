package dev.athanor.aws.dynamo;

import dev.athanor.model.TeamId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.Map;

/**
 * Hands out 1, 2, 3... per counter item with one atomic {@code ADD}: concurrent creators never get the same number
 * and nothing has to be read or scanned first. A number whose write then fails is skipped, never handed out again.
 */
public final class AtomicCounter {

    private final DynamoDbClient dynamo;
    private final String tableName;

    public AtomicCounter(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    public long next(TeamId team, String counterId) {
        return reserve(team, counterId, 1);
    }

    /** Takes {@code count} numbers at once (one write) and returns the first; they are it and the ones after it. */
    public long reserve(TeamId team, String counterId, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Reserve at least one number, not " + count);
        }
        Map<String, AttributeValue> counted = dynamo.updateItem(b -> b.tableName(tableName)
                .key(Map.of("team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS(counterId)))
                .updateExpression("ADD next_id :count")
                .expressionAttributeValues(Map.of(":count", AttributeValue.fromN(Integer.toString(count))))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(counted.get("next_id").n()) - count + 1;
    }
}
