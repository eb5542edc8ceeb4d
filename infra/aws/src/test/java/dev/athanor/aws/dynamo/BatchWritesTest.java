package dev.athanor.aws.dynamo;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Throttling cannot be produced by DynamoDB Local, so a client answering BatchWriteItem as DynamoDB does when it
 * throttles (the writes it did not do listed as unprocessed) stands in for it here.
 */
class BatchWritesTest {

    /** Leaves the last {@code refused} writes of each call unprocessed, for the first {@code throttled} calls. */
    private static final class Throttling implements DynamoDbClient {

        private final int throttled;
        private final int refused;
        private final List<Integer> sizes = new ArrayList<>();

        Throttling(int throttled, int refused) {
            this.throttled = throttled;
            this.refused = refused;
        }

        @Override
        public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
            List<WriteRequest> writes = request.requestItems().get("t");
            sizes.add(writes.size());
            if (sizes.size() > throttled) {
                return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
            }
            int from = Math.max(0, writes.size() - refused);
            return BatchWriteItemResponse.builder()
                    .unprocessedItems(Map.of("t", writes.subList(from, writes.size()))).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    private static List<WriteRequest> deletes(int count) {
        return IntStream.range(0, count).mapToObj(i -> WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                .key(Map.of("id", AttributeValue.fromS("k" + i))).build()).build()).toList();
    }

    @Test
    void writes_go_25_a_call_and_what_is_left_unprocessed_is_sent_again() {
        Throttling dynamo = new Throttling(2, 10);

        assertEquals(0, BatchWrites.send(dynamo, "t", deletes(60), 5));

        assertEquals(List.of(25, 10, 10, 25, 10), dynamo.sizes);
    }

    @Test
    void what_is_still_unprocessed_after_the_attempts_is_counted() {
        Throttling dynamo = new Throttling(Integer.MAX_VALUE, 3);

        assertEquals(6, BatchWrites.send(dynamo, "t", deletes(30), 2));

        assertEquals(List.of(25, 3, 5, 3), dynamo.sizes);
    }
}
