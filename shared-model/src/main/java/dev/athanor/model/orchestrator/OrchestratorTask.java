package dev.athanor.model.orchestrator;

import java.time.Instant;
import java.util.List;

/**
 * A task of the orchestrator (seed 002's Task model): work on a project, run by routed agents that iterate until its
 * quality passes a gate. Ids are UUID strings.
 *
 * @param assignedAgent  the agent type now working on it (claude, gemini, ...), or null before routing
 * @param finalQuality   the quality it finished with, null until it finishes
 * @param durationSeconds from start to finish, null until it finishes
 * @param actualCost     USD spent, null until it finishes
 */
public record OrchestratorTask(String id, String projectId, Integer issueNumber, String title, String description,
                               List<String> labels, TaskStatus status, String assignedAgent, int agentSwitches,
                               int currentIteration, int maxIterations, double currentQuality, Double finalQuality,
                               boolean testsPassing, int securityIssues, Instant startedAt, Instant completedAt,
                               Double durationSeconds, double estimatedCost, Double actualCost, Instant createdAt,
                               Instant updatedAt) {

    public OrchestratorTask {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }
}
