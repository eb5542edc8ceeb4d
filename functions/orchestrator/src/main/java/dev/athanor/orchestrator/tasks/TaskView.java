package dev.athanor.orchestrator.tasks;

import dev.athanor.model.orchestrator.OrchestratorTask;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.List;

/**
 * A task as the API shows it: every field of the document's Task model, ISO-8601 UTC times, nulls included; then
 * {@code task_type}, {@code error} (why it failed or that it was cancelled) and {@code runs} (1, and one more per
 * retry).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record TaskView(String id, String projectId, Integer issueNumber, String title, String description,
                       List<String> labels, String status, String assignedAgent, int agentSwitches,
                       int currentIteration, int maxIterations, double currentQuality, Double finalQuality,
                       boolean testsPassing, int securityIssues, String startedAt, String completedAt,
                       Double durationSeconds, double estimatedCost, Double actualCost, String createdAt,
                       String updatedAt, String taskType, String error, int runs) {

    public static TaskView of(OrchestratorTask task) {
        return new TaskView(task.id(), task.projectId(), task.issueNumber(), task.title(), task.description(),
                task.labels(), task.status().wireName(), task.assignedAgent(), task.agentSwitches(),
                task.currentIteration(), task.maxIterations(), task.currentQuality(), task.finalQuality(),
                task.testsPassing(), task.securityIssues(), text(task.startedAt()), text(task.completedAt()),
                task.durationSeconds(), task.estimatedCost(), task.actualCost(), text(task.createdAt()),
                text(task.updatedAt()), task.taskType(), task.error(), task.runs());
    }

    @Nullable
    private static String text(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }
}
