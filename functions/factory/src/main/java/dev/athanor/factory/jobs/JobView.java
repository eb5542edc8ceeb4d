package dev.athanor.factory.jobs;

import dev.athanor.model.pipeline.ExecutionStatus;
import dev.athanor.model.pipeline.ExecutionSummary;
import dev.athanor.model.pipeline.StoredExecution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A job as the factory API shows it. {@code status}: queued (no phase started yet), running, awaiting_approval,
 * cancel_requested (stops before its next phase), completed, failed, cancelled.
 */
public record JobView(String slug, String name, String description, String platform, String style, String backend,
                      String features, String status, String currentPhase, boolean cancelRequested,
                      BigDecimal costUsd, String error, Instant createdAt, Instant updatedAt, Instant finishedAt) {

    /** The job as its execution tells it (its request's fields from the execution's variables). */
    public static JobView of(StoredExecution stored) {
        return of(ExecutionSummary.of(stored), stored.execution().vars());
    }

    /** The job as its summary tells it: what the job list reads, so that it never reads whole executions. */
    public static JobView of(ExecutionSummary s) {
        return of(s, s.labels());
    }

    private static JobView of(ExecutionSummary s, Map<String, String> v) {
        return new JobView(v.get("slug"), v.get("name"), v.get("description"), v.get("platform"), v.get("style"),
                v.get("backend"), v.get("features"), status(s), s.current(), s.cancelRequested(), s.costUsd(),
                s.error(), s.createdAt(), s.updatedAt(), s.finishedAt());
    }

    /** Completed, failed or cancelled: nothing more will happen to it. */
    public boolean ended() {
        return switch (status) {
            case "completed", "failed", "cancelled" -> true;
            default -> false;
        };
    }

    private static String status(ExecutionSummary e) {
        if (e.status() == ExecutionStatus.RUNNING || e.status() == ExecutionStatus.WAITING) {
            if (e.cancelRequested()) {
                return "cancel_requested";
            }
            if (e.status() == ExecutionStatus.WAITING) {
                return "awaiting_approval";
            }
            return e.started() ? "running" : "queued";
        }
        return switch (e.status()) {
            case SUCCEEDED -> "completed";
            case FAILED -> "failed";
            default -> "cancelled";
        };
    }
}
