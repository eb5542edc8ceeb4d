package dev.athanor.orchestrator.execution;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.llm.CallContext;
import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.ProjectStore;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.orchestrator.hrm.HrmConfigs;
import dev.athanor.orchestrator.routing.AgentCalls;
import dev.athanor.orchestrator.routing.AgentDirectory;
import dev.athanor.orchestrator.routing.AgentPlan;
import dev.athanor.orchestrator.routing.AgentRoute;
import dev.athanor.orchestrator.routing.AgentType;
import dev.athanor.orchestrator.routing.OrchestratorAgentsConfiguration;
import dev.athanor.orchestrator.routing.RoutingTable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/orchestration/execute}. Routes the task by type ({@link RoutingTable}), then either answers with
 * one iteration at once (no {@code project_id}), or creates a task on the project and starts its run, which iterates
 * until its quality passes (with {@code project_id}; answered before the first iteration).
 */
@Singleton
class Execute {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgentDirectory directory;
    private final RoutingTable routing;
    private final AgentCalls calls;
    private final ContextFiles context;
    private final ProjectStore projects;
    private final HrmConfigs hrm;
    private final TaskRuns runs;
    private final PricingTable prices;
    private final OrchestratorAgentsConfiguration config;
    private final Clock clock;

    Execute(AgentDirectory directory, RoutingTable routing, AgentCalls calls, ContextFiles context,
            ProjectStore projects, HrmConfigs hrm, TaskRuns runs, PricingTable prices,
            OrchestratorAgentsConfiguration config, Clock clock) {
        this.directory = directory;
        this.routing = routing;
        this.calls = calls;
        this.context = context;
        this.projects = projects;
        this.hrm = hrm;
        this.runs = runs;
        this.prices = prices;
        this.config = config;
        this.clock = clock;
    }

    /** The answer, and whether it is a task started (202) rather than an answer given (200). */
    record Executed(ExecuteView view, boolean started) {
    }

    Executed execute(TeamPrincipal caller, ExecuteInput input) {
        TeamId team = caller.team();
        if (input.projectId() != null && projects.find(team, input.projectId()).isEmpty()) {
            throw new NotFoundException("Project not found");
        }
        Map<AgentType, AgentRoute> routes = directory.routes(team);
        List<AgentType> usable = routes.values().stream().filter(AgentRoute::usable).map(AgentRoute::agent).toList();
        RoutingTable.Choice choice = routing.choose(team, input.taskType(), input.requiresSecurity(), usable);
        AgentPlan plan = AgentPlan.of(choice, routes);
        String session = input.sessionId() != null ? input.sessionId()
                : "sess_" + HexFormat.of().formatHex(randomBytes(8));
        return input.projectId() == null ? new Executed(once(caller, input, plan, session), false)
                : new Executed(task(team, input, plan, session), true);
    }

    private ExecuteView once(TeamPrincipal caller, ExecuteInput input, AgentPlan plan, String session) {
        String taskId = UUID.randomUUID().toString();
        ContextFiles.Context files = context.select(caller.team(), input.files(), input.workspace());
        long started = System.nanoTime();
        AgentPlan.Result result = plan.firstAnswer(calls, CallContext.of(caller, TaskSteps.SURFACE).withJob(taskId),
                new ChatRequest("-", List.of(ChatMessage.system(TaskSteps.system(input.requiresSecurity(), files)),
                        ChatMessage.user(input.prompt())),
                        null, null, config.getMaxOutputTokens(), null, null));
        double duration = Math.round((System.nanoTime() - started) / 1_000_000.0) / 1000.0;
        AgentCalls.Answer answer = result.answer();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("mode", "single");
        metadata.put("task_type", input.taskType());
        metadata.put("routing", plan.choice().reason());
        metadata.put("model", answer.model());
        metadata.put("connection", answer.route().connectionId());
        metadata.put("fallback", !answer.route().agent().equals(plan.choice().agent()));
        metadata.put("attempts", result.attempts());
        metadata.put("context_files", files.selection());
        return new ExecuteView(taskId, answer.route().agent().wireName(), answer.content(), answer.tokens(),
                answer.cost().setScale(6, RoundingMode.HALF_UP).doubleValue(), duration, session,
                clock.instant().toString(), metadata);
    }

    private ExecuteView task(TeamId team, ExecuteInput input, AgentPlan plan, String session) {
        HrmConfig config = hrm.effectiveConfig(team, input.projectId(), null);
        AgentRoute first = plan.candidates().get(0);
        double estimate = estimate(input.prompt(), first.model(), config);
        Instant now = clock.instant();
        OrchestratorTask task = new OrchestratorTask(UUID.randomUUID().toString(), input.projectId(),
                input.issueNumber(), input.title() != null ? input.title() : title(input.prompt()), input.prompt(),
                input.labels(), TaskStatus.PENDING, first.agent().wireName(), 0, 0,
                config.mlIterationPrediction().maxIterations(), 0, null, false, 0, null, null, null, estimate, null,
                now, now, input.taskType(), input.files(), input.workspace(), input.requiresSecurity(), null, 1, null);
        OrchestratorTask started = runs.start(team, task, first.agent().wireName());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("mode", "task");
        metadata.put("status", started.status().wireName());
        metadata.put("project_id", started.projectId());
        metadata.put("task_type", input.taskType());
        metadata.put("routing", plan.choice().reason());
        metadata.put("model", first.model());
        metadata.put("connection", first.connectionId());
        metadata.put("max_iterations", started.maxIterations());
        metadata.put("quality_gate", config.deepSupervision().qualityGateThreshold());
        metadata.put("estimated_cost", estimate);
        return new ExecuteView(started.id(), first.agent().wireName(), null, 0, 0, 0, session, now.toString(),
                metadata);
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

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String title(String prompt) {
        String line = prompt.strip().lines().findFirst().orElse("").strip();
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
