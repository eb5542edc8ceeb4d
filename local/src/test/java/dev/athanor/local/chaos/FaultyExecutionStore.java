package dev.athanor.local.chaos;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.pipeline.DynamoExecutionStore;
import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.StoredExecution;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/** The real execution store; in a chaos context a delivery (or a start) may die right after its commit. */
@Singleton
@Replaces(DynamoExecutionStore.class)
@Requires(property = "test.chaos")
@Requires(property = "athanor.dynamodb.tables.executions")
class FaultyExecutionStore extends DynamoExecutionStore {

    FaultyExecutionStore(DynamoDbEnhancedClient client, TableNames names, JsonMapper json) {
        super(client, names, json);
    }

    @Override
    public StoredExecution create(TeamId team, StoredExecution execution) {
        StoredExecution created = super.create(team, execution);
        Faults.committed(created.execution().id());
        return created;
    }

    @Override
    public StoredExecution save(TeamId team, StoredExecution execution) {
        StoredExecution saved = super.save(team, execution);
        Faults.committed(saved.execution().id());
        return saved;
    }
}
