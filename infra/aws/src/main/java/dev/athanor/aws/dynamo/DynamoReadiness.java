package dev.athanor.aws.dynamo;

import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.util.Map;
import java.util.Optional;

/** Checks that every table this function is configured with exists and is active. */
@Singleton
public class DynamoReadiness {

    private final DynamoDbClient client;
    private final TableNames names;

    public DynamoReadiness(DynamoDbClient client, TableNames names) {
        this.client = client;
        this.names = names;
    }

    public Map<String, String> tables() {
        return names.configured();
    }

    /** Empty when ready; otherwise what is wrong. */
    public Optional<String> problem() {
        for (String table : names.configured().values()) {
            try {
                TableStatus status = client.describeTable(r -> r.tableName(table)).table().tableStatus();
                if (status != TableStatus.ACTIVE && status != TableStatus.UPDATING) {
                    return Optional.of("DynamoDB table " + table + " is " + status);
                }
            } catch (SdkException e) {
                return Optional.of("DynamoDB table " + table + " is not reachable: " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
