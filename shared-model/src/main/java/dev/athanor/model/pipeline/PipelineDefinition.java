package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline as data: named states and the one it starts at. {@link #validate} is called before it is used.
 *
 * @param labels the input variables a list of its executions shows ({@link ExecutionSummary#labels()}); none when
 *               left out
 */
@Serdeable
public record PipelineDefinition(String id, String startAt, Map<String, StateDefinition> states,
                                 @Nullable List<String> labels) {

    /** A step must end well inside the work queue's visibility timeout (360 s), or it would be delivered again. */
    public static final int MAX_TIMEOUT_SECONDS = 300;
    /** Every running item of a map commits to the one execution item: more at once would mostly lose races. */
    public static final int MAX_CONCURRENCY = 16;

    private static final Set<String> TYPES =
            Set.of(StateDefinition.TASK, StateDefinition.MAP, StateDefinition.APPROVAL, StateDefinition.CHOICE);

    public PipelineDefinition {
        states = states == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states));
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** The labels of an execution started with {@code input}: those of its variables that {@link #labels} names. */
    public Map<String, String> labelsOf(Map<String, String> input) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String name : labels) {
            if (input.containsKey(name)) {
                chosen.put(name, input.get(name));
            }
        }
        return chosen;
    }

    public StateDefinition state(String name) {
        StateDefinition state = states.get(name);
        if (state == null) {
            throw new IllegalStateException("Pipeline " + id + " has no state '" + name + "'");
        }
        return state;
    }

    /** The names of the states that run an agent (tasks and maps), in the order the definition writes them. */
    public List<String> agentStates() {
        return states.entrySet().stream().filter(e -> e.getValue().runsAgent()).map(Map.Entry::getKey).toList();
    }

    /**
     * @return this definition
     * @throws IllegalArgumentException listing every problem: unknown types or targets, tasks without actions or agents,
     *                                  choices without rules or default
     */
    public PipelineDefinition validate() {
        List<String> problems = new ArrayList<>();
        if (id == null || id.isBlank()) {
            problems.add("the pipeline needs an id");
        }
        if (labels.stream().anyMatch(name -> name == null || name.isBlank())) {
            problems.add("labels must name variables");
        }
        if (startAt == null || !states.containsKey(startAt)) {
            problems.add("startAt must name a state");
        }
        states.forEach((name, state) -> {
            if (!TYPES.contains(state.type())) {
                problems.add(name + ": unknown type '" + state.type() + "'");
                return;
            }
            target(problems, name, "next", state.next());
            target(problems, name, "onError", state.onError());
            target(problems, name, "onReject", state.onReject());
            target(problems, name, "otherwise", state.otherwise());
            state.choices().forEach(rule -> target(problems, name, "choice", rule.next()));
            if (state.runsAgent() && (state.action() == null || state.agent() == null || state.prompt() == null)) {
                problems.add(name + ": a " + state.type() + " state needs an action, an agent and a prompt");
            }
            if (StateDefinition.MAP.equals(state.type()) && state.items() == null) {
                problems.add(name + ": a map state needs items");
            }
            if (state.maxConcurrency() != null && (!StateDefinition.MAP.equals(state.type())
                    || state.maxConcurrency() < 1 || state.maxConcurrency() > MAX_CONCURRENCY)) {
                problems.add(name + ": maxConcurrency is for map states, 1-" + MAX_CONCURRENCY);
            }
            if (StateDefinition.CHOICE.equals(state.type()) && (state.choices().isEmpty() || state.otherwise() == null)) {
                problems.add(name + ": a choice state needs rules and an otherwise");
            }
            if (state.timeoutSeconds() != null && (state.timeoutSeconds() < 1 || state.timeoutSeconds() > MAX_TIMEOUT_SECONDS)) {
                problems.add(name + ": timeoutSeconds must be 1-" + MAX_TIMEOUT_SECONDS + "");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid pipeline " + id + ": " + String.join("; ", problems));
        }
        return this;
    }

    private void target(List<String> problems, String state, String field, String target) {
        if (target != null && !states.containsKey(target)) {
            problems.add(state + ": " + field + " names unknown state '" + target + "'");
        }
    }
}
