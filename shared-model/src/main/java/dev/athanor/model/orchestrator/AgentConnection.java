package dev.athanor.model.orchestrator;

import io.micronaut.core.annotation.Nullable;

/**
 * How the orchestrator reaches one agent of a team. {@code agentId} is the team's name for the connection (e.g.
 * {@code claude_main}) and its key. The API key itself is never part of it: {@code apiKeyId} names the stored
 * (sealed) key, null when there is none. {@code model} is the LLM core's model an {@code api} connection uses.
 */
public record AgentConnection(String agentId,
                              String agentName,
                              ConnectionType connectionType,
                              @Nullable String endpoint,
                              @Nullable Integer port,
                              @Nullable String apiKeyId,
                              boolean enabled,
                              @Nullable String model) {
}
