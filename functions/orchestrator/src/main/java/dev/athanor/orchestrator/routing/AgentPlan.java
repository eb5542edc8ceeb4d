package dev.athanor.orchestrator.routing;

import dev.athanor.core.llm.CallContext;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agents to try for one answer, in order: the chosen one, then the team's other callable agents in the fallback
 * order. The chosen agent must be callable: a task routed to an agent without a usable connection fails, with the
 * reason, rather than quietly going elsewhere. Past it, an agent whose circuit is open is skipped, and one whose call
 * fails is followed by the next, up to {@link #MAX_CALLS} calls; a request every agent would refuse (invalid) stops
 * at once.
 */
public record AgentPlan(RoutingTable.Choice choice, List<AgentRoute> candidates) {

    public static final int MAX_CALLS = 3;

    /** One agent tried: {@code outcome} is {@code answered}, {@code skipped} or {@code failed}. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Attempt(String agent, @Nullable String connection, @Nullable String model, String outcome,
                          @Nullable String reason) {
    }

    /** The answer, and every agent tried on the way to it. */
    public record Result(AgentCalls.Answer answer, List<Attempt> attempts) {
    }

    /** No agent answered; the message lists what was tried. */
    public static final class NoAnswer extends UnavailableException {
        private final List<Attempt> attempts;

        NoAnswer(String message, List<Attempt> attempts) {
            super(message);
            this.attempts = List.copyOf(attempts);
        }

        public List<Attempt> attempts() {
            return attempts;
        }
    }

    /**
     * @throws UnavailableException when the chosen agent cannot be called
     */
    public static AgentPlan of(RoutingTable.Choice choice, Map<AgentType, AgentRoute> routes) {
        AgentRoute chosen = routes.get(choice.agent());
        if (chosen == null || !chosen.usable()) {
            throw new UnavailableException(choice.reason() + ", but "
                    + (chosen == null ? "agent " + choice.agent().wireName() + " is unknown" : chosen.problem()));
        }
        List<AgentRoute> candidates = new ArrayList<>();
        candidates.add(chosen);
        for (AgentType agent : AgentType.FALLBACK_ORDER) {
            AgentRoute route = routes.get(agent);
            if (agent != choice.agent() && route != null && route.usable()) {
                candidates.add(route);
            }
        }
        return new AgentPlan(choice, candidates);
    }

    /** The answer of the first candidate that gives one. */
    public Result firstAnswer(AgentCalls calls, CallContext context, ChatRequest request) {
        List<Attempt> attempts = new ArrayList<>();
        int called = 0;
        for (AgentRoute route : candidates) {
            if (called >= MAX_CALLS) {
                break;
            }
            CallContext call = context.withAgent(route.agent().wireName());
            try {
                called++;
                AgentCalls.Answer answer = calls.call(call, route, request);
                attempts.add(new Attempt(route.agent().wireName(), route.connectionId(), answer.model(), "answered",
                        attempts.isEmpty() ? choice.reason() : "fallback after " + describe(attempts)));
                return new Result(answer, attempts);
            } catch (AgentCalls.CircuitOpen open) {
                called--;
                attempts.add(new Attempt(route.agent().wireName(), route.connectionId(), route.model(), "skipped",
                        open.getMessage()));
            } catch (LlmException failed) {
                attempts.add(new Attempt(route.agent().wireName(), route.connectionId(), route.model(), "failed",
                        failed.getMessage()));
                if (failed.kind() == LlmErrorKind.INVALID_REQUEST) {
                    throw failed;
                }
            }
        }
        throw new NoAnswer("No agent answered: " + describe(attempts), attempts);
    }

    private static String describe(List<Attempt> attempts) {
        return String.join("; ", attempts.stream().map(a -> a.agent() + " " + a.outcome()
                + (a.reason() == null ? "" : " (" + a.reason() + ")")).toList());
    }
}
