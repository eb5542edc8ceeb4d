package dev.athanor.factory.jobs;

import dev.athanor.model.pipeline.Execution;
import dev.athanor.model.pipeline.ExecutionStatus;
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

    public static JobView of(StoredExecution stored) {
        Execution e = stored.execution();
        Map<String, String> v = e.vars();
        return new JobView(v.get("slug"), v.get("name"), v.get("description"), v.get("platform"), v.get("style"),
                v.get("backend"), v.get("features"), status(e), e.current(), e.cancelRequested(), e.costUsd(),
                e.error(), stored.createdAt(), stored.updatedAt(), e.finishedAt());
    }

    /** Completed, failed or cancelled: nothing more will happen to it. */
    public boolean ended() {
        return switch (status) {
            case "completed", "failed", "cancelled" -> true;
            default -> false;
        };
    }

    private static String status(Execution e) {
        if (e.status() == ExecutionStatus.RUNNING || e.status() == ExecutionStatus.WAITING) {
            if (e.cancelRequested()) {
                return "cancel_requested";
            }
            if (e.status() == ExecutionStatus.WAITING) {
                return "awaiting_approval";
            }
            return e.hasStarted() ? "running" : "queued";
        }
        return switch (e.status()) {
            case SUCCEEDED -> "completed";
            case FAILED -> "failed";
            default -> "cancelled";
        };
    }
}
