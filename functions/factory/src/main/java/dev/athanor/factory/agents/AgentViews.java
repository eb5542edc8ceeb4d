package dev.athanor.factory.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.agents.AgentConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The agents API's wire shapes, snake_case as the seed; {@code updated_at} is null while an agent has its defaults. */
final class AgentViews {

    private AgentViews() {
    }

    /** An entry of {@code GET /api/agents/config}. */
    @Serdeable
    record ConfigEntry(@JsonProperty("agent_id") String agentId, String name, String model,
                       @JsonProperty("system_prompt") String systemPrompt,
                       @JsonProperty("updated_at") String updatedAt) {

        static ConfigEntry of(AgentConfig agent) {
            return new ConfigEntry(agent.agentId(), agent.name(), agent.model(), agent.systemPrompt(),
                    text(agent.updatedAt()));
        }
    }

    /** {@code GET /api/agents/{agent_id}}. */
    @Serdeable
    record Detail(@JsonProperty("agent_id") String agentId, String name, String type, String status, String model,
                  @JsonProperty("system_prompt") String systemPrompt, String description,
                  @JsonProperty("updated_at") String updatedAt) {

        static Detail of(AgentConfig agent) {
            return new Detail(agent.agentId(), agent.name(), agent.type(), agent.status(), agent.model(),
                    agent.systemPrompt(), agent.description(), text(agent.updatedAt()));
        }
    }

    /**
     * {@code POST /api/agents/{agent_id}/test}: {@code response} when the model answered, {@code error} when not; the
     * other is left out, as the seed's answer has no {@code error} key.
     */
    @Serdeable
    record TestResult(@JsonProperty("agent_id") String agentId, String model, String status,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String response,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String error) {

        static TestResult of(AgentService.TestOutcome outcome) {
            return new TestResult(outcome.agentId(), outcome.model(), outcome.ok() ? "ok" : "error", outcome.reply(),
                    outcome.error());
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
