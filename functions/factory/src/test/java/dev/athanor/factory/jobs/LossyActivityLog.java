package dev.athanor.factory.jobs;

import dev.athanor.aws.activity.DynamoActivityLog;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityEntry;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real activity log, except that a test can name entries whose next write is lost, as if the process had
 * stopped between a commit and the entry it asked for.
 */
@Singleton
@Replaces(DynamoActivityLog.class)
class LossyActivityLog extends DynamoActivityLog {

    /** Ids of entries whose next write is dropped (each once). */
    static final Set<String> LOSE = ConcurrentHashMap.newKeySet();

    LossyActivityLog(DynamoDbEnhancedClient client, TableNames names) {
        super(client, names);
    }

    @Override
    public void append(TeamId team, ActivityEntry entry) {
        if (!LOSE.remove(entry.id())) {
            super.append(team, entry);
        }
    }
}
