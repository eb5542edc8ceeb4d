package dev.athanor.orchestrator.execution;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.BodyLimit;
import dev.athanor.core.http.RequestFields;
import dev.athanor.core.llm.CircuitBreakers;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.BreakerSnapshot;
import dev.athanor.orchestrator.routing.AgentCalls;
import dev.athanor.orchestrator.routing.AgentType;
import dev.athanor.orchestrator.routing.RoutingTable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executing a task (one iteration at once, or a task on a project that iterates until its quality passes), the
 * agents' circuit breakers, and the team's routing table.
 */
@Controller("/api/orchestration")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Orchestration")
public class OrchestrationController {

    static final int BODY_LIMIT = 512 * 1024;

    /** One agent's breaker as the document shows it. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BreakerView(String state, int failureCount, String lastFailure) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BreakersView(String timestamp, Map<String, BreakerView> circuitBreakers) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RoutingView(Map<String, String> routes, Map<String, String> overrides, List<String> agents) {
    }

    private final Execute execute;
    private final CircuitBreakers breakers;
    private final RoutingTable routing;
    private final JsonMapper json;
    private final Clock clock;

    OrchestrationController(Execute execute, CircuitBreakers breakers, RoutingTable routing, JsonMapper json,
                            Clock clock) {
        this.execute = execute;
        this.breakers = breakers;
        this.routing = routing;
        this.json = json;
        this.clock = clock;
    }

    @Post("/execute")
    @BodyLimit(BODY_LIMIT)
    @Operation(summary = "Execute a task with smart agent selection: one iteration at once (200), or with a "
            + "project_id a task that iterates until its quality passes (202)")
    HttpResponse<ExecuteView> execute(Authentication authentication, HttpRequest<?> request) {
        Execute.Executed done = execute.execute(TeamPrincipal.of(authentication),
                ExecuteInput.read(RequestFields.read(json, request)));
        return HttpResponse.status(done.started() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(done.view());
    }

    @Get("/circuit-breaker-status")
    @Operation(summary = "The circuit breaker of every agent")
    BreakersView breakers(Authentication authentication) {
        TeamId team = TeamPrincipal.of(authentication).team();
        Map<String, BreakerView> views = new LinkedHashMap<>();
        for (AgentType agent : AgentType.values()) {
            BreakerSnapshot state = breakers.state(team, AgentCalls.breakerName(agent));
            views.put(agent.wireName(), new BreakerView(state.state().wireName(), state.failures(),
                    state.lastFailureAt() == null ? null : state.lastFailureAt().toString()));
        }
        return new BreakersView(clock.instant().toString(), views);
    }

    @Get("/routing")
    @Operation(summary = "Which agent takes each task type: the documented table with the team's choices over it")
    RoutingView routing(Authentication authentication) {
        return view(routing.overrides(TeamPrincipal.of(authentication).team()));
    }

    @Put("/routing")
    @BodyLimit(16 * 1024)
    @Operation(summary = "Set (or with null remove) the team's agent for task types: {\"routes\": {\"security\": "
            + "\"gemini\"}}")
    RoutingView changeRouting(Authentication authentication, HttpRequest<?> request) {
        RequestFields fields = RequestFields.read(json, request);
        Map<String, Object> routes = fields.object("routes");
        fields.check("routing");
        if (routes == null) {
            throw new InvalidInputException("Invalid routing: routes is required",
                    Map.of("routes", List.of("is required")));
        }
        return view(routing.change(TeamPrincipal.of(authentication).team(), routes));
    }

    private static RoutingView view(Map<String, String> overrides) {
        return new RoutingView(RoutingTable.table(overrides), overrides, AgentType.wireNames());
    }
}
