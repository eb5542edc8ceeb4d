package dev.athanor.aws.dynamo;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** micronaut-aws-sdk-v2 provides the low-level client; the enhanced client on top of it is ours to create. */
@Factory
class DynamoClientFactory {

    @Singleton
    DynamoDbEnhancedClient enhancedClient(DynamoDbClient client) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }
}
