package dev.athanor.orchestrator.agents;

import dev.athanor.model.orchestrator.AgentConnection;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A connection as the API shows it: seed 002's AgentConnection, nulls included, plus {@code model}; never the key. */
@Serdeable(naming = SnakeCaseStrategy.class)
record ConnectionView(String agentId, String agentName, String connectionType, String endpoint, Integer port,
                      String apiKeyId, boolean enabled, String model) {

    static ConnectionView of(AgentConnection connection) {
        return new ConnectionView(connection.agentId(), connection.agentName(),
                connection.connectionType().wireName(), connection.endpoint(), connection.port(),
                connection.apiKeyId(), connection.enabled(), connection.model());
    }
}
