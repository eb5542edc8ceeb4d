package dev.athanor.aws.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Puts and deletes sent with BatchWriteItem, 25 a call; what DynamoDB leaves unprocessed (throttling) is sent again
 * after a pause that doubles each time (50 ms, 100 ms, ... as DynamoDB's guidance asks), up to a number of attempts.
 */
public final class BatchWrites {

    /** The most writes one BatchWriteItem takes. */
    public static final int BATCH = 25;

    private BatchWrites() {
    }

    /**
     * Sends every write to {@code table}.
     *
     * @return how many writes were still unprocessed after {@code attempts} sends of a batch (0 when all landed)
     */
    public static int send(DynamoDbClient dynamo, String table, List<WriteRequest> writes, int attempts) {
        int left = 0;
        for (int from = 0; from < writes.size(); from += BATCH) {
            Map<String, List<WriteRequest>> pending = Map.of(table,
                    writes.subList(from, Math.min(writes.size(), from + BATCH)));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                if (pending.isEmpty()) {
                    break;
                }
                if (attempt == attempts) {
                    left += pending.get(table).size();
                    break;
                }
                pause(Duration.ofMillis(25L << attempt));
            }
        }
        return left;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing to DynamoDB", e);
        }
    }
}
