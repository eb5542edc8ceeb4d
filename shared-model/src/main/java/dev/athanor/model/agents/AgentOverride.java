package dev.athanor.model.agents;

import java.time.Instant;
import java.util.Objects;

/**
 * What a team changed on one agent: each field is either its own value or null, meaning "the built-in default".
 * Keeping only the changed fields means a new default (a better prompt, another default model) still reaches every
 * field a team never touched.
 *
 * @param updatedAt when the team last changed it
 */
public record AgentOverride(String agentId, String name, String status, String model, String systemPrompt,
                            String description, Instant updatedAt) {

    public AgentOverride {
        Objects.requireNonNull(agentId, "agentId");
    }

    /** The agent's configuration: these fields where set, the defaults elsewhere. */
    public AgentConfig over(AgentConfig defaults) {
        return new AgentConfig(defaults.agentId(), or(name, defaults.name()), defaults.type(),
                or(status, defaults.status()), or(model, defaults.model()), or(systemPrompt, defaults.systemPrompt()),
                or(description, defaults.description()), updatedAt);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
