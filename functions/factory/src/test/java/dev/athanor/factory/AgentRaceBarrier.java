package dev.athanor.factory;

import dev.athanor.aws.agents.DynamoAgentRepository;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.agents.AgentOverride;
import dev.athanor.model.agents.AgentRepository;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * The real DynamoDB repository, with a rendezvous before each write of an existing override: two PATCHes that both
 * read the override then both try to write it back. Enabled only by {@code test.agent-race}.
 */
@Singleton
@Replaces(DynamoAgentRepository.class)
@Requires(property = "test.agent-race", value = "true")
class AgentRaceBarrier implements AgentRepository {

    static final CyclicBarrier BOTH_READ = new CyclicBarrier(2);

    private final DynamoAgentRepository real;

    AgentRaceBarrier(DynamoDbEnhancedClient client, TableNames names) {
        this.real = new DynamoAgentRepository(client, names);
    }

    @Override
    public Optional<Versioned<AgentOverride>> find(TeamId team, String agentId) {
        return real.find(team, agentId);
    }

    @Override
    public List<Versioned<AgentOverride>> list(TeamId team) {
        return real.list(team);
    }

    @Override
    public Versioned<AgentOverride> save(TeamId team, AgentOverride override, Long expectedVersion) {
        if (expectedVersion != null) {
            try {
                BOTH_READ.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other writer never arrived", e);
            }
        }
        return real.save(team, override, expectedVersion);
    }
}
