package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a list shows of an execution: where it stands, what it cost, and its labels (the input variables its
 * pipeline names as shown in lists, fixed at its start). Kept beside the execution, small whatever the execution's
 * size, so listing executions never reads their variables, steps or outbox.
 *
 * @param started whether a step has started (until then the execution is only queued)
 */
@Serdeable
public record ExecutionSummary(String id, String pipeline, ExecutionStatus status, @Nullable String current,
                               boolean started, boolean cancelRequested, Map<String, String> labels,
                               BigDecimal costUsd, @Nullable String error, Instant createdAt, Instant updatedAt,
                               @Nullable Instant finishedAt) {

    public ExecutionSummary {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    public static ExecutionSummary of(StoredExecution stored) {
        Execution e = stored.execution();
        return new ExecutionSummary(e.id(), e.pipeline(), e.status(), e.current(), e.hasStarted(),
                e.cancelRequested(), stored.labels(), e.costUsd(), e.error(), stored.createdAt(), stored.updatedAt(),
                e.finishedAt());
    }
}
