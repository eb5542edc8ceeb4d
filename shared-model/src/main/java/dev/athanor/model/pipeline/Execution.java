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
 * @param mapIndex the item a map state is at
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
                        boolean cancelRequested,
                        Map<String, String> vars,
                        Map<String, StepRecord> steps,
                        @Nullable String error,
                        BigDecimal costUsd,
                        @Nullable Instant startedAt,
                        @Nullable Instant finishedAt) {

    public Execution {
        vars = vars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        steps = steps == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    /** A new execution of {@code definition}: every state pending, nothing run yet. */
    public static Execution create(String id, PipelineDefinition definition, Map<String, String> vars) {
        Map<String, StepRecord> steps = new LinkedHashMap<>();
        definition.states().keySet().forEach(name -> steps.put(name, StepRecord.NEW));
        return new Execution(id, definition.id(), ExecutionStatus.RUNNING, null, 0, 0, 0, false, vars, steps, null,
                BigDecimal.ZERO, null, null);
    }

    /** The token of the step being run or awaited, or null. */
    public String currentToken() {
        return current == null ? null : token(seq);
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
        boolean cancelRequested;
        final Map<String, String> vars;
        final Map<String, StepRecord> steps;
        String error;
        BigDecimal costUsd;
        Instant startedAt;
        Instant finishedAt;

        Builder(Execution e) {
            id = e.id;
            pipeline = e.pipeline;
            status = e.status;
            current = e.current;
            seq = e.seq;
            attempt = e.attempt;
            mapIndex = e.mapIndex;
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
            return new Execution(id, pipeline, status, current, seq, attempt, mapIndex, cancelRequested, vars, steps,
                    error, costUsd, startedAt, finishedAt);
        }
    }
}
