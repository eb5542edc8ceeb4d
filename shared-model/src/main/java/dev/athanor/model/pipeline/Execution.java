package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one run of a pipeline. Changed only by {@link Transition#apply}; stored whole with a version.
 *
 * @param current  the state being run or awaited; null before the start and after the end
 * @param seq      numbers every step message: the token of the current step is {@code id#seq}, so a message
 *                 for an older step is recognised and ignored
 * @param attempt  the try of the current step
 * @param mapIndex the item a map state is at; in a map that runs items at once, the next item to send
 * @param branches the items of a map state that runs items at once which are sent and not yet done, by step token;
 *                 empty otherwise. While it is not empty, a step token is current when it names one of them
 * @param vars     the execution's variables: its input, and what its steps returned
 * @param steps    per state, what happened to it
 */
@Serdeable
public record Execution(String id,
                        String pipeline,
                        ExecutionStatus status,
                        @Nullable String current,
                        long seq,
                        int attempt,
                        int mapIndex,
                        Map<String, Branch> branches,
                        boolean cancelRequested,
                        Map<String, String> vars,
                        Map<String, StepRecord> steps,
                        @Nullable String error,
                        BigDecimal costUsd,
                        @Nullable Instant startedAt,
                        @Nullable Instant finishedAt) {

    /**
     * One item of a map state that runs items at once, sent as its own step.
     *
     * @param item         the item's index
     * @param attempt      the try of this item
     * @param status       PENDING until a worker starts it, then RUNNING
     * @param startedAt    when it started; a worker holds it until this plus the state's timeout and lease margin
     * @param dispatchedBy the token of the step whose result sent it (null when an API call did): when that step's
     *                     message is delivered again, this item's message is sent again
     */
    @Serdeable
    public record Branch(int item, int attempt, StepStatus status, @Nullable Instant startedAt,
                         @Nullable String dispatchedBy) {
    }

    public Execution {
        branches = branches == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(branches));
        vars = vars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        steps = steps == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    /** A new execution of {@code definition}: every state pending, nothing run yet. */
    public static Execution create(String id, PipelineDefinition definition, Map<String, String> vars) {
        Map<String, StepRecord> steps = new LinkedHashMap<>();
        definition.states().keySet().forEach(name -> steps.put(name, StepRecord.NEW));
        return new Execution(id, definition.id(), ExecutionStatus.RUNNING, null, 0, 0, 0, Map.of(), false, vars, steps,
                null,
                BigDecimal.ZERO, null, null);
    }

    /** The token of the step being run or awaited, or null. */
    public String currentToken() {
        return current == null ? null : token(seq);
    }

    /** Whether {@code token} names a step that is to run now: the current step, or a running item of a map. */
    public boolean isLive(String token) {
        return branches.isEmpty() ? token.equals(currentToken()) : branches.containsKey(token);
    }

    /** The item of a map that step {@code token} runs, or null when it is no such item. */
    @Nullable
    public Branch branch(String token) {
        return branches.get(token);
    }

    /** This execution as step {@code token} sees it: an item of a map that runs items at once sees its own item. */
    public Execution forStep(String token, StateDefinition state) {
        Branch branch = branches.get(token);
        if (branch == null) {
            return this;
        }
        Builder b = change();
        b.vars.put("item", vars.getOrDefault(state.items() + "." + branch.item(), ""));
        return b.build();
    }

    /** This execution with the item of {@code token} free to be started again (its worker gave it up). */
    public Execution released(String token) {
        Branch branch = branches.get(token);
        if (branch == null || branch.status() != StepStatus.RUNNING) {
            return this;
        }
        Builder b = change();
        b.branches.put(token, new Branch(branch.item(), branch.attempt(), StepStatus.PENDING, null,
                branch.dispatchedBy()));
        return b.build();
    }

    public String token(long sequence) {
        return id + "#" + sequence;
    }

    public StepRecord step(String state) {
        return steps.getOrDefault(state, StepRecord.NEW);
    }

    /** True once a step has started: until then the execution is only queued. */
    public boolean hasStarted() {
        return steps.values().stream().anyMatch(s -> s.status() != StepStatus.PENDING || s.visits() > 1);
    }

    Builder change() {
        return new Builder(this);
    }

    /** A mutable copy used while one event is applied. */
    static final class Builder {
        String id;
        String pipeline;
        ExecutionStatus status;
        String current;
        long seq;
        int attempt;
        int mapIndex;
        final Map<String, Branch> branches;
        boolean cancelRequested;
        final Map<String, String> vars;
        final Map<String, StepRecord> steps;
        String error;
        BigDecimal costUsd;
        Instant startedAt;
        Instant finishedAt;
        /** The token of the step (or approval) whose event is being applied; null for the start. Not stored. */
        String cause;

        Builder(Execution e) {
            id = e.id;
            pipeline = e.pipeline;
            status = e.status;
            current = e.current;
            seq = e.seq;
            attempt = e.attempt;
            mapIndex = e.mapIndex;
            branches = new LinkedHashMap<>(e.branches);
            cancelRequested = e.cancelRequested;
            vars = new LinkedHashMap<>(e.vars);
            steps = new LinkedHashMap<>(e.steps);
            error = e.error;
            costUsd = e.costUsd;
            startedAt = e.startedAt;
            finishedAt = e.finishedAt;
        }

        StepRecord step(String state) {
            return steps.getOrDefault(state, StepRecord.NEW);
        }

        String token() {
            return id + "#" + seq;
        }

        Execution build() {
            return new Execution(id, pipeline, status, current, seq, attempt, mapIndex, branches, cancelRequested, vars,
                    steps,
                    error, costUsd, startedAt, finishedAt);
        }
    }
}
