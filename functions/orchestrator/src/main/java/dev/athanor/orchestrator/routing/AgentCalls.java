package dev.athanor.orchestrator.routing;

import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.CircuitBreakers;
import dev.athanor.core.llm.LlmService;
import dev.athanor.core.llm.Route;
import dev.athanor.llm.ProviderClients;
import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.orchestrator.AgentConnection;
import dev.athanor.model.orchestrator.AgentConnectionStore;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls an agent through its route, behind the agent's own circuit breaker ({@link #breakerName}), kept in the same
 * shared store and with the same threshold and cooldown as the providers' breakers. A connection with an
 * {@code endpoint} is called there as an OpenAI-compatible API (its sealed key as the bearer token, through the SSRF
 * guard when connecting); any other route calls its model through the team's providers. Either way the LLM core's
 * retries, provider breakers, key limits and metering apply. Only failures that say the agent is unhealthy (the
 * retryable kinds: unavailable, rate limited, timed out) count against its breaker.
 */
@Singleton
public class AgentCalls {

    /** What an agent answered, with the tokens and the cost (USD) of the call. */
    public record Answer(AgentRoute route, String content, String model, long tokens, BigDecimal cost) {
    }

    /** The agent was not called: its circuit is open. */
    public static final class CircuitOpen extends RuntimeException {
        public CircuitOpen(AgentType agent) {
            super("the circuit of agent " + agent.wireName() + " is open after repeated failures");
        }
    }

    private static final int MAX_CLIENTS = 256;

    private final LlmService llm;
    private final CircuitBreakers breakers;
    private final ProviderClients clients;
    private final AgentConnectionStore connections;
    private final PricingTable prices;
    private final Map<ProviderConfig, LlmProvider> endpointClients = new ConcurrentHashMap<>();

    AgentCalls(LlmService llm, CircuitBreakers breakers, ProviderClients clients, AgentConnectionStore connections,
               PricingTable prices) {
        this.llm = llm;
        this.breakers = breakers;
        this.clients = clients;
        this.connections = connections;
        this.prices = prices;
    }

    public static String breakerName(AgentType agent) {
        return "agent:" + agent.wireName();
    }

    /**
     * @throws CircuitOpen   when the agent's circuit is open
     * @throws LlmException  when the call failed
     */
    public Answer call(CallContext context, AgentRoute route, ChatRequest request) {
        TeamId team = context.team();
        String breaker = breakerName(route.agent());
        if (breakers.acquire(team, breaker) == CircuitBreakers.Permit.REJECT) {
            throw new CircuitOpen(route.agent());
        }
        ChatRequest asked = new ChatRequest(route.model(), request.messages(), request.temperature(),
                request.topP(), request.maxTokens(), request.stop(), request.topK());
        ChatResponse response;
        try {
            AgentConnection connection = route.connection();
            response = connection != null && connection.endpoint() != null
                    ? llm.chat(context, List.of(new Route(endpointClient(team, connection), route.model())), asked)
                    : llm.chat(context, asked);
        } catch (LlmException e) {
            if (e.retryable()) {
                breakers.onFailure(team, breaker);
            }
            throw e;
        }
        breakers.onSuccess(team, breaker);
        String model = response.model() == null || response.model().isBlank() ? route.model() : response.model();
        BigDecimal cost = prices.cost(model, response.usage());
        return new Answer(route, response.content(), model, response.usage().totalTokens(),
                cost == null ? BigDecimal.ZERO : cost);
    }

    private LlmProvider endpointClient(TeamId team, AgentConnection connection) {
        String key = connections.apiKey(team, connection.agentId()).orElse(null);
        ProviderConfig config = new ProviderConfig("agent:" + connection.agentId(), ProviderKind.OPENAI,
                withPort(connection.endpoint(), connection.port()), key, List.of(connection.model()), Map.of(), null,
                true);
        if (endpointClients.size() > MAX_CLIENTS) {
            endpointClients.clear(); // keys rotate and connections change: old configurations are not kept forever
        }
        return endpointClients.computeIfAbsent(config, clients::create);
    }

    /** The endpoint with the connection's port, when it names one. */
    static String withPort(String endpoint, Integer port) {
        if (port == null) {
            return endpoint;
        }
        URI uri = URI.create(endpoint);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + ":" + port + path;
    }
}
