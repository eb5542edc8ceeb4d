package dev.athanor.model.agents;

import java.time.Instant;
import java.util.Objects;

/**
 * How one agent of a team is configured: the model it calls and its system prompt, plus what the agents API shows.
 *
 * @param type      the family the agent belongs to, e.g. {@code flutter_factory}
 * @param status    {@code active} or {@code disabled}
 * @param updatedAt when the team last changed it; null while it still has its defaults
 */
public record AgentConfig(String agentId, String name, String type, String status, String model, String systemPrompt,
                          String description, Instant updatedAt) {

    public AgentConfig {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
    }
}
