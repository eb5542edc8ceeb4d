package dev.athanor.orchestrator.routing;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.model.settings.SettingsRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which agent takes a task type: the document's table, with the team's own choices over it (kept in the team's
 * settings under {@value #SCOPE}). {@value TaskTypes#ADAPTIVE} picks, among the agents that can be called, the one
 * whose iterations of that task type scored the best quality per cost over the last {@link #ADAPTIVE_WINDOW}
 * (quality / (cost per iteration + {@link #COST_FLOOR} USD), so free agents compare by quality); with no such history,
 * the first callable agent in the fallback order.
 */
@Singleton
public class RoutingTable {

    public static final String SCOPE = "orchestrator_routing";
    static final Duration ADAPTIVE_WINDOW = Duration.ofDays(30);
    static final double COST_FLOOR = 0.001;

    /** Where a task goes first, and why. */
    public record Choice(AgentType agent, String reason) {
    }

    private final SettingsRepository settings;
    private final TaskStore tasks;
    private final Clock clock;

    RoutingTable(SettingsRepository settings, TaskStore tasks, Clock clock) {
        this.settings = settings;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** The table in effect: each task type to an agent or {@value TaskTypes#ADAPTIVE}. */
    public Map<String, String> table(TeamId team) {
        return table(overrides(team));
    }

    /** The documented table with {@code overrides} over it. */
    public static Map<String, String> table(Map<String, String> overrides) {
        Map<String, String> table = new LinkedHashMap<>(TaskTypes.DOCUMENTED);
        table.putAll(overrides);
        return table;
    }

    public Map<String, String> overrides(TeamId team) {
        return known(settings.find(team, SCOPE).map(Versioned::value).orElse(Map.of()));
    }

    /** The stored choices of task types that exist. */
    private static Map<String, String> known(Map<String, String> stored) {
        Map<String, String> kept = new LinkedHashMap<>();
        stored.forEach((type, agent) -> {
            if (TaskTypes.known(type)) {
                kept.put(type, agent);
            }
        });
        return kept;
    }

    /**
     * Sets or (with null) removes the team's choice for each task type given; answers the team's choices after it.
     *
     * @throws InvalidInputException naming each unknown task type or agent
     */
    public Map<String, String> change(TeamId team, Map<String, Object> changes) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        changes.forEach((type, agent) -> {
            if (!TaskTypes.known(type)) {
                errors.put("routes." + type, List.of("is not a task type (one of "
                        + String.join(", ", TaskTypes.names()) + ")"));
            } else if (agent != null && !(agent instanceof String name && (TaskTypes.ADAPTIVE.equals(name)
                    || AgentType.fromWire(name).isPresent()))) {
                errors.put("routes." + type, List.of("must be null, " + TaskTypes.ADAPTIVE + " or an agent ("
                        + String.join(", ", AgentType.wireNames()) + ")"));
            }
        });
        if (!errors.isEmpty()) {
            List<String> problems = new java.util.ArrayList<>();
            errors.forEach((field, messages) -> problems.add(field + " " + messages.get(0)));
            throw new InvalidInputException("Invalid routing: " + String.join("; ", problems), errors);
        }
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<Map<String, String>>> stored = settings.find(team, SCOPE);
            Map<String, String> values = new LinkedHashMap<>(stored.map(Versioned::value).orElse(Map.of()));
            changes.forEach((type, agent) -> {
                if (agent == null) {
                    values.remove(type);
                } else {
                    values.put(type, (String) agent);
                }
            });
            try {
                settings.save(team, SCOPE, values, stored.map(Versioned::version).orElse(null));
                return known(values);
            } catch (ConflictException raced) {
                if (attempt >= 2) {
                    throw raced;
                }
            }
        }
    }

    /**
     * The first agent for a task: by its type (none: {@value TaskTypes#ADAPTIVE}, or claude when the task requires
     * security), among the agents {@code usable} holds.
     */
    public Choice choose(TeamId team, String taskType, boolean requiresSecurity, List<AgentType> usable) {
        String type = taskType != null ? taskType : requiresSecurity ? TaskTypes.SECURITY : null;
        String target = type == null ? TaskTypes.ADAPTIVE : table(team).get(type);
        String why = type == null ? "no task type" : "task type " + type;
        if (!TaskTypes.ADAPTIVE.equals(target)) {
            AgentType agent = AgentType.fromWire(target).orElseThrow();
            return new Choice(agent, why + " routes to " + agent.wireName()
                    + (TaskTypes.DOCUMENTED.get(type).equals(target) ? "" : " (the team's routing)"));
        }
        return adaptive(team, type, usable, why);
    }

    private Choice adaptive(TeamId team, String type, List<AgentType> usable, String why) {
        Map<AgentType, double[]> sums = new LinkedHashMap<>(); // quality sum, cost sum, count
        for (OrchestratorTask task : tasks.createdSince(team, null, clock.instant().minus(ADAPTIVE_WINDOW))) {
            if (type != null && !type.equals(task.taskType())) {
                continue;
            }
            for (TaskIteration iteration : task.iterations()) {
                Optional<AgentType> agent = AgentType.fromWire(iteration.agent());
                if (iteration.quality() == null || agent.isEmpty() || !usable.contains(agent.get())) {
                    continue;
                }
                double[] sum = sums.computeIfAbsent(agent.get(), a -> new double[3]);
                sum[0] += iteration.quality();
                sum[1] += iteration.cost();
                sum[2]++;
            }
        }
        AgentType best = null;
        double bestScore = -1;
        for (Map.Entry<AgentType, double[]> entry : sums.entrySet()) {
            double[] s = entry.getValue();
            double score = (s[0] / s[2]) / (s[1] / s[2] + COST_FLOOR);
            if (score > bestScore) {
                best = entry.getKey();
                bestScore = score;
            }
        }
        if (best != null) {
            double[] s = sums.get(best);
            return new Choice(best, why + " routes adaptively: " + best.wireName() + " had the best quality per cost ("
                    + String.format(java.util.Locale.ROOT, "quality %.2f at $%.4f per iteration over %d iterations",
                    s[0] / s[2], s[1] / s[2], (int) s[2]) + ")");
        }
        AgentType first = usable.isEmpty() ? AgentType.FALLBACK_ORDER.get(0) : usable.get(0);
        return new Choice(first, why + " routes adaptively: no scored history yet, so the first available agent, "
                + first.wireName());
    }
}
