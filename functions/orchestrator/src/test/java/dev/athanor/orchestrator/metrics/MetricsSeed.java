package dev.athanor.orchestrator.metrics;

import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsageLedger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds history with known figures: tasks through the task store, metered calls through the usage ledger. */
final class MetricsSeed {

    private final TaskStore tasks;
    private final UsageLedger ledger;

    MetricsSeed(TaskStore tasks, UsageLedger ledger) {
        this.tasks = tasks;
        this.ledger = ledger;
    }

    static TaskIteration iteration(int number, String agent, String model, Double quality, long tokens, double cost,
                                   double seconds, Instant finished) {
        return new TaskIteration(1, number, agent, null, model, quality, quality != null && quality >= 0.8, 0, null,
                tokens, cost, seconds, null, finished);
    }

    /**
     * A task of {@code project}; a finished one (completed or failed) finished at {@code finished}, after
     * {@code durationSeconds}. An unstarted one (pending) has no start.
     */
    OrchestratorTask task(TeamId team, String project, TaskStatus status, Instant created, Instant finished,
                          int maxIterations, Double durationSeconds, Double finalQuality, boolean testsPassing,
                          int securityIssues, int agentSwitches, List<TaskIteration> iterations) {
        OrchestratorTask.Builder task = new OrchestratorTask(UUID.randomUUID().toString(), project, 1, "Task",
                null, List.of(), status, null, 0, 0, maxIterations, 0, null, false, 0, null, null, null, 1.0, null,
                created, created).change();
        task.status = status;
        task.assignedAgent = iterations.isEmpty() ? null : iterations.get(iterations.size() - 1).agent();
        task.startedAt = status == TaskStatus.PENDING ? null : created;
        task.completedAt = finished;
        task.durationSeconds = durationSeconds;
        task.finalQuality = finalQuality;
        task.testsPassing = testsPassing;
        task.securityIssues = securityIssues;
        task.agentSwitches = agentSwitches;
        task.currentIteration = iterations.size();
        task.runs = status == TaskStatus.PENDING ? 0 : 1;
        task.iterations.addAll(iterations);
        OrchestratorTask built = task.build();
        tasks.create(team, built);
        return built;
    }

    /** One metered call of {@code team} through {@code surface}. */
    void call(TeamId team, String surface, String agent, String model, int prompt, int completion, String cost,
              Instant at) {
        ledger.record(List.of(new UsageEvent(UUID.randomUUID().toString(), team.value(), surface, null, null, agent,
                "anthropic", model, prompt, completion, new BigDecimal(cost), 100, null, "ok", at)));
    }

    static Instant daysBefore(Instant day, int days) {
        return day.minus(Duration.ofDays(days));
    }

    /** The eight agent types with zero, then {@code amounts} over them (in pairs: agent, amount). */
    static Map<String, Object> byAgent(Object... amounts) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String agent : List.of("claude", "gemini", "copilot", "cursor", "windsurf", "openai", "anthropic",
                "google")) {
            result.put(agent, 0.0);
        }
        for (int i = 0; i < amounts.length; i += 2) {
            result.put((String) amounts[i], amounts[i + 1]);
        }
        return result;
    }

    /** JSON numbers as doubles, so that an expected body can be written with plain literals. */
    static Object normalized(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(k, normalized(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(normalized(v)));
            return result;
        }
        return value;
    }
}
