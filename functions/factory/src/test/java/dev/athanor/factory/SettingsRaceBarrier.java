package dev.athanor.factory;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.settings.DynamoSettingsRepository;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.settings.SettingsRepository;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * The real DynamoDB repository, with a rendezvous before each update: two requests that both read the settings
 * then both try to write, which is the race optimistic locking must resolve. Enabled only by {@code test.race}.
 */
@Singleton
@Replaces(DynamoSettingsRepository.class)
@Requires(property = "test.race", value = "true")
class SettingsRaceBarrier implements SettingsRepository {

    static final CyclicBarrier BOTH_READ = new CyclicBarrier(2);

    private final DynamoSettingsRepository real;

    SettingsRaceBarrier(DynamoDbEnhancedClient client, TableNames names) {
        this.real = new DynamoSettingsRepository(client, names);
    }

    @Override
    public Optional<Versioned<Map<String, String>>> find(TeamId team, String scope) {
        return real.find(team, scope);
    }

    @Override
    public Versioned<Map<String, String>> save(TeamId team, String scope, Map<String, String> values, Long expectedVersion) {
        if (expectedVersion != null) {
            try {
                BOTH_READ.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other writer never arrived", e);
            }
        }
        return real.save(team, scope, values, expectedVersion);
    }
}
