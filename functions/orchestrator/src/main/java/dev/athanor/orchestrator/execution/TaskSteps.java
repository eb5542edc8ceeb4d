package dev.athanor.orchestrator.execution;

import dev.athanor.core.llm.CallContext;
import dev.athanor.core.pipeline.StepExecutor;
import dev.athanor.core.pipeline.StepRequest;
import dev.athanor.core.pipeline.StepResult;
import dev.athanor.model.TeamId;
import dev.athanor.model.artifacts.ArtifactStore;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of a task's run. {@code generate}: the agent of this iteration (routed by task type at the start, then
 * as the last judgement decided) produces a complete result, improving on the last one with the judge's feedback;
 * its text is kept under the task's artifacts. {@code judge}: scores it, records the iteration on the task, and
 * decides ({@link IterationPolicy}). A step redelivered after it ran writes the same artifact and replaces the same
 * iteration. An agent or judge that cannot answer fails the step, which the pipeline retries; when every try failed the
 * run fails and {@link TaskEnds} records why.
 */
@Singleton
class TaskSteps implements StepExecutor {

    static final String SURFACE = "orchestrator";
    /** Of the last result, this many characters are shown to the next iteration. */
    static final int PREVIOUS_CHARS = 24_000;

    private final TaskWrites tasks;
    private final AgentDirectory directory;
    private final RoutingTable routing;
    private final AgentCalls calls;
    private final Judge judge;
    private final ContextFiles context;
    private final HrmConfigs hrm;
    private final ArtifactStore artifacts;
    private final OrchestratorAgentsConfiguration config;
    private final TaskEvents events;
    private final Clock clock;

    TaskSteps(TaskWrites tasks, AgentDirectory directory, RoutingTable routing, AgentCalls calls, Judge judge,
              ContextFiles context, HrmConfigs hrm, ArtifactStore artifacts, OrchestratorAgentsConfiguration config,
              TaskEvents events, Clock clock) {
        this.tasks = tasks;
        this.directory = directory;
        this.routing = routing;
        this.calls = calls;
        this.judge = judge;
        this.context = context;
        this.hrm = hrm;
        this.artifacts = artifacts;
        this.config = config;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Set<String> actions() {
        return Set.of(TaskPipeline.GENERATE, TaskPipeline.JUDGE, TaskPipeline.FINISH);
    }

    @Override
    public StepResult run(StepRequest request) throws Exception {
        if (TaskPipeline.FINISH.equals(request.definition().action())) {
            return new StepResult.Succeeded(Map.of(), BigDecimal.ZERO);
        }
        Map<String, String> vars = request.execution().vars();
        TeamId team = request.team();
        String taskId = vars.get(TaskPipeline.TASK_ID);
        int run = Integer.parseInt(vars.get(TaskPipeline.RUN));
        OrchestratorTask task = tasks.find(team, taskId).map(v -> v.value()).orElse(null);
        if (task == null || task.runs() != run || task.status().finished()) {
            // the task was deleted, retried as a newer run or cancelled: this run does nothing more
            return new StepResult.Succeeded(Map.of(TaskPipeline.VERDICT, "stopped"), BigDecimal.ZERO);
        }
        CallContext call = new CallContext(team, SURFACE, task.projectId(), taskId, null);
        try {
            return TaskPipeline.GENERATE.equals(request.definition().action())
                    ? generate(call, task, vars, request.token()) : judge(call, task, vars, request.token());
        } catch (AgentPlan.NoAnswer e) {
            return new StepResult.Failed(e.getMessage(), true, BigDecimal.ZERO);
        } catch (LlmException e) {
            return new StepResult.Failed(e.getMessage(), e.retryable(), BigDecimal.ZERO);
        } catch (DomainException e) {
            return new StepResult.Failed(e.getMessage(), false, BigDecimal.ZERO);
        } catch (TaskEvents.NotPublished e) {
            // the change is recorded; the step runs again and reports it again, under the same event ids
            return new StepResult.Failed(e.getMessage(), true, BigDecimal.ZERO);
        }
    }

    private StepResult generate(CallContext call, OrchestratorTask task, Map<String, String> vars, String token) {
        TeamId team = call.team();
        int run = task.runs();
        int iteration = task.iterationsOf(run).size() + 1;
        Map<AgentType, AgentRoute> routes = directory.routes(team);
        String planned = vars.get(TaskPipeline.AGENT);
        RoutingTable.Choice choice = planned == null
                ? routing.choose(team, task.taskType(), task.requiresSecurity(), usable(routes))
                : new RoutingTable.Choice(AgentType.fromWire(planned).orElseThrow(), "chosen by the last judgement");
        ContextFiles.Context files = context.select(team, task.files(), task.workspace());
        AgentPlan.Result result = AgentPlan.of(choice, routes).firstAnswer(calls, call,
                new ChatRequest("-", messages(team, task, vars, files), 0.2, null, config.getMaxOutputTokens(), null,
                        null));
        AgentCalls.Answer answer = result.answer();
        String agent = answer.route().agent().wireName();
        String key = TaskPipeline.contentKey(task.id(), run, iteration);
        artifacts.put(team, key, answer.content().getBytes(StandardCharsets.UTF_8), "text/markdown; charset=utf-8");
        Instant now = clock.instant();
        boolean fellBack = !agent.equals(choice.agent().wireName());
        Optional<OrchestratorTask> written = tasks.change(team, task.id(), t -> {
            if (t.status().finished() || t.runs() != run) {
                return t;
            }
            OrchestratorTask.Builder b = t.change();
            b.status = TaskStatus.IN_PROGRESS;
            b.startedAt = t.startedAt() == null ? now : t.startedAt();
            if (fellBack && t.currentIteration() != iteration) {
                b.agentSwitches++;
            }
            b.assignedAgent = agent;
            b.currentIteration = iteration;
            b.updatedAt = now;
            return b.build();
        });
        written.filter(t -> t.runs() == run && !t.status().finished()).ifPresent(t -> events.generated(team, t, token,
                choice.agent().wireName(), agent, fellBack ? result.attempts().get(0).reason() : null));
        Map<String, String> out = new HashMap<>();
        out.put(TaskPipeline.ITERATION, Integer.toString(iteration));
        out.put("content_key", key);
        out.put("gen_agent", agent);
        out.put("gen_connection", answer.route().connectionId() == null ? "" : answer.route().connectionId());
        out.put("gen_model", answer.model());
        out.put("gen_tokens", Long.toString(answer.tokens()));
        out.put("gen_cost", answer.cost().toPlainString());
        out.put("gen_at", now.toString());
        out.put("gen_note", fellBack ? "fell back to " + agent + ": " + result.attempts().get(0).reason() : "");
        return new StepResult.Succeeded(out, answer.cost());
    }

    private List<ChatMessage> messages(TeamId team, OrchestratorTask task, Map<String, String> vars,
                                       ContextFiles.Context files) {
        // a task from an issue is its title and its body; one from execute, its prompt
        StringBuilder user = new StringBuilder(task.description() == null ? task.title()
                : task.issueNumber() != null ? task.title() + "\n\n" + task.description() : task.description());
        String previous = vars.get("content_key");
        if (previous != null && vars.get("feedback") != null) {
            String last = artifacts.get(team, previous).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            if (last.length() > PREVIOUS_CHARS) {
                last = last.substring(0, PREVIOUS_CHARS) + "\n[...]";
            }
            user.append("\n\nYour last result (judged ").append(vars.getOrDefault("quality", "?"))
                    .append(" of 1.0):\n").append(last)
                    .append("\n\nThe reviewer's feedback:\n").append(vars.get("feedback"))
                    .append("\n\nProduce an improved, complete result.");
        }
        return List.of(ChatMessage.system(system(task.requiresSecurity(), files)),
                ChatMessage.user(user.toString()));
    }

    /** What an agent is told of its part, and the project's files selected for the task. */
    static String system(boolean requiresSecurity, ContextFiles.Context files) {
        StringBuilder system = new StringBuilder("You are an AI agent working on a task for a team. Produce the "
                + "complete result of the task: not a plan, not a summary of what you would do.");
        if (requiresSecurity) {
            system.append(" The result must have no security issues.");
        }
        if (!files.text().isEmpty()) {
            system.append("\n\nThe project's files:\n").append(files.text());
        }
        return system.toString();
    }

    private StepResult judge(CallContext call, OrchestratorTask task, Map<String, String> vars, String token)
            throws Exception {
        TeamId team = call.team();
        int run = task.runs();
        int iteration = Integer.parseInt(vars.get(TaskPipeline.ITERATION));
        String agent = vars.get("gen_agent");
        HrmConfig config = hrm.effectiveConfig(team, task.projectId(), task.id());
        String result = artifacts.get(team, vars.get("content_key")).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse("");
        Judge.Verdict verdict = judge.judge(call.withAgent("judge"), config,
                task.description() == null ? task.title() : task.description(), result);
        double cost = Double.parseDouble(vars.get("gen_cost")) + verdict.cost().doubleValue();
        List<TaskIteration> before = task.iterationsOf(run).stream().filter(i -> i.iteration() < iteration).toList();
        Double previousQuality = before.isEmpty() ? null : before.get(before.size() - 1).quality();
        double spent = before.stream().mapToDouble(TaskIteration::cost).sum() + cost;
        List<String> others = usable(directory.routes(team)).stream().map(AgentType::wireName).toList();
        List<String> used = before.stream().map(TaskIteration::agent).toList();
        IterationPolicy.Decision decision = IterationPolicy.decide(config, iteration, verdict.quality(),
                previousQuality, task.requiresSecurity(), verdict.securityIssues(), spent, task.agentSwitches(), agent,
                others, used);
        Instant now = clock.instant();
        String genNote = vars.get("gen_note");
        String note = decision.verdict() == IterationPolicy.Verdict.CONTINUE && !decision.switched() ? null
                : decision.reason();
        if (genNote != null && !genNote.isEmpty()) {
            note = note == null ? genNote : genNote + "; " + note;
        }
        Instant generatedAt = Instant.parse(vars.get("gen_at"));
        TaskIteration record = new TaskIteration(run, iteration, agent, blankToNull(vars.get("gen_connection")),
                vars.get("gen_model"), verdict.quality(), verdict.testsPassing(), verdict.securityIssues(),
                verdict.feedback(), Long.parseLong(vars.get("gen_tokens")) + verdict.tokens(), TaskWrites.round(cost),
                java.time.Duration.between(generatedAt, now).toMillis() / 1000.0, note, now);
        String finalNote = note;
        Optional<OrchestratorTask> written = tasks.change(team, task.id(), t -> {
            if (t.runs() != run) {
                return t;
            }
            OrchestratorTask.Builder b = t.change();
            boolean again = b.iterations.removeIf(i -> i.run() == run && i.iteration() == iteration);
            b.iterations.add(record);
            b.iterations.sort(java.util.Comparator.comparingInt(TaskIteration::run)
                    .thenComparingInt(TaskIteration::iteration));
            if (t.status().finished()) {
                return b.build(); // cancelled meanwhile: the iteration is kept, the end stands
            }
            b.currentIteration = iteration;
            b.currentQuality = verdict.quality();
            b.testsPassing = verdict.testsPassing();
            b.securityIssues = verdict.securityIssues();
            b.maxIterations = config.mlIterationPrediction().maxIterations();
            b.updatedAt = now;
            if (decision.switched() && !again) {
                b.agentSwitches++;
            }
            OrchestratorTask recorded = b.build();
            return switch (decision.verdict()) {
                case PASSED -> TaskWrites.finish(recorded, TaskStatus.COMPLETED, null, now).build();
                case EXHAUSTED -> TaskWrites.finish(recorded, TaskStatus.FAILED, decision.reason(), now).build();
                case CONTINUE -> recorded;
            };
        });
        String switchReason = !decision.switched() ? null
                : "round_robin".equals(config.agentSwitching().strategy()) ? TaskEvents.SWITCH_ROUND_ROBIN
                : TaskEvents.SWITCH_QUALITY;
        written.filter(t -> t.runs() == run).ifPresent(t -> events.judged(team, t, token, config, record,
                decision.verdict() == IterationPolicy.Verdict.CONTINUE && !t.status().finished(),
                decision.nextAgent(), switchReason, decision.reason()));
        Map<String, String> out = new HashMap<>();
        out.put(TaskPipeline.VERDICT, decision.verdict().name().toLowerCase(java.util.Locale.ROOT));
        out.put(TaskPipeline.AGENT, decision.nextAgent());
        out.put("feedback", verdict.feedback() == null ? "" : verdict.feedback());
        out.put("quality", Double.toString(verdict.quality()));
        out.put("note", finalNote == null ? "" : finalNote);
        return new StepResult.Succeeded(out, verdict.cost());
    }

    private static List<AgentType> usable(Map<AgentType, AgentRoute> routes) {
        return routes.values().stream().filter(AgentRoute::usable).map(AgentRoute::agent).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
