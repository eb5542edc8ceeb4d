package dev.athanor.orchestrator.execution;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.llm.CallContext;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.ProjectStore;
import dev.athanor.orchestrator.routing.AgentCalls;
import dev.athanor.orchestrator.routing.AgentPlan;
import dev.athanor.orchestrator.routing.AgentRoute;
import dev.athanor.orchestrator.routing.OrchestratorAgentsConfiguration;
import dev.athanor.orchestrator.routing.RoutingTable;
import jakarta.inject.Singleton;

import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
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

    private final TaskStarts starts;
    private final AgentCalls calls;
    private final ContextFiles context;
    private final ProjectStore projects;
    private final OrchestratorAgentsConfiguration config;
    private final Clock clock;

    Execute(TaskStarts starts, AgentCalls calls, ContextFiles context, ProjectStore projects,
            OrchestratorAgentsConfiguration config, Clock clock) {
        this.starts = starts;
        this.calls = calls;
        this.context = context;
        this.projects = projects;
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
        AgentPlan plan = starts.plan(team, input.taskType(), input.requiresSecurity());
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
        TaskStarts.Started started = starts.start(team, plan, new TaskStarts.NewTask(UUID.randomUUID().toString(),
                input.projectId(), input.issueNumber(), input.title() != null ? input.title() : title(input.prompt()),
                input.prompt(), input.labels(), input.taskType(), input.files(), input.workspace(),
                input.requiresSecurity()));
        OrchestratorTask task = started.task();
        AgentRoute first = started.first();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("mode", "task");
        metadata.put("status", task.status().wireName());
        metadata.put("project_id", task.projectId());
        metadata.put("task_type", input.taskType());
        metadata.put("routing", plan.choice().reason());
        metadata.put("model", first.model());
        metadata.put("connection", first.connectionId());
        metadata.put("max_iterations", task.maxIterations());
        metadata.put("quality_gate", started.config().deepSupervision().qualityGateThreshold());
        metadata.put("estimated_cost", started.estimate());
        return new ExecuteView(task.id(), first.agent().wireName(), null, 0, 0, 0, session,
                task.createdAt().toString(), metadata);
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
