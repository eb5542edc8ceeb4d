package dev.athanor.factory.agents;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.budget.BudgetedLlm;
import dev.athanor.core.llm.CallContext;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.agents.AgentChanges;
import dev.athanor.model.agents.AgentConfig;
import dev.athanor.model.agents.AgentOverride;
import dev.athanor.model.agents.AgentRepository;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.LimitExceededException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A team's view of the factory agents: read them, change them (or reset fields to the defaults), try one out. */
@Singleton
public class AgentService {

    static final String SURFACE = "factory";
    static final String DEFAULT_TEST_PROMPT = "Reply with OK if you can read this.";
    static final int MAX_TEST_PROMPT = 4_000;
    /** Enough for a short answer; a test should cost next to nothing. */
    static final int TEST_MAX_TOKENS = 256;

    /** The outcome of a test call: the reply, or why there is none. */
    public record TestOutcome(String agentId, String model, String reply, String error) {

        public boolean ok() {
            return error == null;
        }
    }

    private final FactoryAgents agents;
    private final TeamAgentSource source;
    private final AgentRepository overrides;
    private final BudgetedLlm llm;
    private final Clock clock;

    AgentService(FactoryAgents agents, TeamAgentSource source, AgentRepository overrides, BudgetedLlm llm,
                 Clock clock) {
        this.agents = agents;
        this.source = source;
        this.overrides = overrides;
        this.llm = llm;
        this.clock = clock;
    }

    /** Every agent as the team has it, in pipeline order. */
    public List<AgentConfig> list(TeamId team) {
        return source.all(team);
    }

    /**
     * @throws dev.athanor.model.error.NotFoundException for an unknown agent id
     */
    public AgentConfig get(TeamId team, String agentId) {
        return source.resolve(team, agentId);
    }

    /**
     * Applies {@code changes} to the fields named in {@code fields} (see {@link AgentChanges}); the write is
     * conditional on the override read, so a racing change gets a {@link ConflictException} instead of being lost.
     */
    public AgentConfig change(TeamId team, String agentId, Map<String, ?> changes, List<String> fields) {
        AgentConfig defaults = agents.defaults(agentId);
        Optional<Versioned<AgentOverride>> current = overrides.find(team, agentId);
        AgentOverride changed = AgentChanges.apply(agentId, current.map(Versioned::value).orElse(null), changes,
                fields, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return overrides.save(team, changed, current.map(Versioned::version).orElse(null)).value().over(defaults);
    }

    /**
     * Sends a short prompt to the agent's model with its system prompt. A failing model is an outcome, not an
     * error: the caller wants to see why the agent cannot answer.
     */
    public TestOutcome test(TeamPrincipal caller, String agentId, String prompt) {
        TeamId team = caller.team();
        AgentConfig agent = source.resolve(team, agentId);
        String text = prompt == null || prompt.isBlank() ? DEFAULT_TEST_PROMPT : prompt.strip();
        if (text.length() > MAX_TEST_PROMPT) {
            throw new InvalidInputException("prompt must be at most " + MAX_TEST_PROMPT + " characters",
                    Map.of("prompt", List.of("must be at most " + MAX_TEST_PROMPT + " characters")));
        }
        ChatRequest request = new ChatRequest(agent.model(),
                List.of(ChatMessage.system(agent.systemPrompt()), ChatMessage.user(text)), null, null,
                TEST_MAX_TOKENS, null);
        try {
            ChatResponse response = llm.chat(
                    new CallContext(team, SURFACE, null, null, agentId, caller.userId(), caller.keyId()), request);
            return new TestOutcome(agentId, agent.model(), response.content(), null);
        } catch (LimitExceededException e) {
            throw e; // the caller's key or budget said no: a 429 with Retry-After, not an agent's failure
        } catch (LlmException | DomainException e) {
            return new TestOutcome(agentId, agent.model(), null, e.getMessage());
        }
    }
}
