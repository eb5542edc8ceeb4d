package dev.athanor.orchestrator.execution;

import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.orchestrator.hrm.HrmConfigs;
import dev.athanor.orchestrator.routing.AgentDirectory;
import dev.athanor.orchestrator.routing.AgentPlan;
import dev.athanor.orchestrator.routing.AgentRoute;
import dev.athanor.orchestrator.routing.AgentType;
import dev.athanor.orchestrator.routing.OrchestratorAgentsConfiguration;
import dev.athanor.orchestrator.routing.RoutingTable;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Creates a task on a project and starts its run: routed by its type, given the project's effective HRM config
 * (its max iterations) and a cost estimate. What {@code POST /api/orchestration/execute} with a {@code project_id}
 * does, and every other way a task comes into being.
 */
@Singleton
public class TaskStarts {

    /**
     * A task to create.
     *
     * @param id          its id: a new UUID, or one derived from what it comes from so that it is created once
     * @param description what the agents are asked to do; null leaves them the title
     */
    public record NewTask(String id, String projectId, @Nullable Integer issueNumber, String title,
                          @Nullable String description, List<String> labels, @Nullable String taskType,
                          List<String> files, @Nullable String workspace, boolean requiresSecurity) {
    }

    /** The task as stored (pending, its run started), and how it was routed and priced. */
    public record Started(OrchestratorTask task, AgentPlan plan, AgentRoute first, HrmConfig config,
                          double estimate) {
    }

    private final AgentDirectory directory;
    private final RoutingTable routing;
    private final HrmConfigs hrm;
    private final TaskRuns runs;
    private final PricingTable prices;
    private final OrchestratorAgentsConfiguration config;
    private final Clock clock;

    TaskStarts(AgentDirectory directory, RoutingTable routing, HrmConfigs hrm, TaskRuns runs, PricingTable prices,
               OrchestratorAgentsConfiguration config, Clock clock) {
        this.directory = directory;
        this.routing = routing;
        this.hrm = hrm;
        this.runs = runs;
        this.prices = prices;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Routes the task and starts it.
     *
     * @throws dev.athanor.model.error.ConflictException when a task with its id exists (nothing is started)
     * @throws dev.athanor.model.error.UnavailableException when the agent it is routed to cannot be called
     */
    public Started start(TeamId team, NewTask task) {
        return start(team, plan(team, task.taskType(), task.requiresSecurity()), task);
    }

    /** The agents to try for a task of this type, the routed one first, among the team's callable ones. */
    AgentPlan plan(TeamId team, @Nullable String taskType, boolean requiresSecurity) {
        Map<AgentType, AgentRoute> routes = directory.routes(team);
        List<AgentType> usable = routes.values().stream().filter(AgentRoute::usable).map(AgentRoute::agent).toList();
        return AgentPlan.of(routing.choose(team, taskType, requiresSecurity, usable), routes);
    }

    Started start(TeamId team, AgentPlan plan, NewTask input) {
        HrmConfig config = hrm.effectiveConfig(team, input.projectId(), null);
        AgentRoute first = plan.candidates().get(0);
        String prompt = input.description() != null ? input.description() : input.title();
        double estimate = estimate(prompt, first.model(), config);
        Instant now = clock.instant();
        OrchestratorTask task = new OrchestratorTask(input.id(), input.projectId(), input.issueNumber(),
                input.title(), input.description(), input.labels(), TaskStatus.PENDING, first.agent().wireName(), 0,
                0, config.mlIterationPrediction().maxIterations(), 0, null, false, 0, null, null, null, estimate,
                null, now, now, input.taskType(), input.files(), input.workspace(), input.requiresSecurity(), null, 1,
                null);
        return new Started(runs.start(team, task, first.agent().wireName()), plan, first, config, estimate);
    }

    /**
     * A rough price of the whole task: half its iterations (a task that passes usually stops well before the
     * last), each with the prompt and a full answer from the first agent's model, plus as much again for the judge.
     * 0 when that model has no price.
     */
    private double estimate(String prompt, String model, HrmConfig config) {
        int iterations = Math.max(1, (config.mlIterationPrediction().maxIterations() + 1) / 2);
        Usage perIteration = new Usage(prompt.length() / 4 + this.config.getMaxOutputTokens() / 2,
                this.config.getMaxOutputTokens() / 2);
        BigDecimal cost = prices.cost(model, perIteration);
        return cost == null ? 0 : cost.multiply(BigDecimal.valueOf(2L * iterations))
                .setScale(6, RoundingMode.HALF_UP).doubleValue();
    }
}
