package dev.athanor.model.orchestrator;

/**
 * What a project's tasks add up to: how many, how many completed, their average final quality (0 when none has one)
 * and their total actual cost in USD.
 */
public record ProjectTaskStats(long totalTasks, long successfulTasks, double avgQuality, double totalCost) {

    public static final ProjectTaskStats NONE = new ProjectTaskStats(0, 0, 0, 0);
}
