package dev.athanor.model.orchestrator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A task of the orchestrator (seed 002's Task model): work on a project, run by routed agents that iterate until its
 * quality passes a gate. Ids are UUID strings.
 *
 * @param assignedAgent    the agent type now working on it (claude, gemini, ...), or null before routing
 * @param finalQuality     the quality it finished with, null until it finishes
 * @param durationSeconds  from start to finish, null until it finishes
 * @param actualCost       USD spent, null until it finishes
 * @param taskType         the kind of work (security, code_generation...) routing picks the first agent by, or null
 * @param files            glob patterns choosing the project's stored files given to the agent as context
 * @param workspace        the folder those patterns are relative to, or null for the root
 * @param requiresSecurity whether the result passes only without security issues
 * @param error            why it failed (or that it was cancelled), null otherwise
 * @param runs             how many executions it has had (a retry adds one)
 * @param iterations       every iteration of every run, oldest first
 */
public record OrchestratorTask(String id, String projectId, Integer issueNumber, String title, String description,
                               List<String> labels, TaskStatus status, String assignedAgent, int agentSwitches,
                               int currentIteration, int maxIterations, double currentQuality, Double finalQuality,
                               boolean testsPassing, int securityIssues, Instant startedAt, Instant completedAt,
                               Double durationSeconds, double estimatedCost, Double actualCost, Instant createdAt,
                               Instant updatedAt, String taskType, List<String> files, String workspace,
                               boolean requiresSecurity, String error, int runs, List<TaskIteration> iterations) {

    public OrchestratorTask {
        labels = labels == null ? List.of() : List.copyOf(labels);
        files = files == null ? List.of() : List.copyOf(files);
        iterations = iterations == null ? List.of() : List.copyOf(iterations);
    }

    /** A task with the document's fields alone, in its first run: no type, files, error or iterations. */
    public OrchestratorTask(String id, String projectId, Integer issueNumber, String title, String description,
                            List<String> labels, TaskStatus status, String assignedAgent, int agentSwitches,
                            int currentIteration, int maxIterations, double currentQuality, Double finalQuality,
                            boolean testsPassing, int securityIssues, Instant startedAt, Instant completedAt,
                            Double durationSeconds, double estimatedCost, Double actualCost, Instant createdAt,
                            Instant updatedAt) {
        this(id, projectId, issueNumber, title, description, labels, status, assignedAgent, agentSwitches,
                currentIteration, maxIterations, currentQuality, finalQuality, testsPassing, securityIssues, startedAt,
                completedAt, durationSeconds, estimatedCost, actualCost, createdAt, updatedAt, null, null, null, false,
                null, 1, null);
    }

    /** The iterations of one run (executions are numbered from 1). */
    public List<TaskIteration> iterationsOf(int run) {
        return iterations.stream().filter(i -> i.run() == run).toList();
    }

    public Builder change() {
        return new Builder(this);
    }

    /** A copy to change field by field. */
    public static final class Builder {
        public String id;
        public String projectId;
        public Integer issueNumber;
        public String title;
        public String description;
        public List<String> labels;
        public TaskStatus status;
        public String assignedAgent;
        public int agentSwitches;
        public int currentIteration;
        public int maxIterations;
        public double currentQuality;
        public Double finalQuality;
        public boolean testsPassing;
        public int securityIssues;
        public Instant startedAt;
        public Instant completedAt;
        public Double durationSeconds;
        public double estimatedCost;
        public Double actualCost;
        public Instant createdAt;
        public Instant updatedAt;
        public String taskType;
        public List<String> files;
        public String workspace;
        public boolean requiresSecurity;
        public String error;
        public int runs;
        public final List<TaskIteration> iterations;

        private Builder(OrchestratorTask t) {
            id = t.id;
            projectId = t.projectId;
            issueNumber = t.issueNumber;
            title = t.title;
            description = t.description;
            labels = t.labels;
            status = t.status;
            assignedAgent = t.assignedAgent;
            agentSwitches = t.agentSwitches;
            currentIteration = t.currentIteration;
            maxIterations = t.maxIterations;
            currentQuality = t.currentQuality;
            finalQuality = t.finalQuality;
            testsPassing = t.testsPassing;
            securityIssues = t.securityIssues;
            startedAt = t.startedAt;
            completedAt = t.completedAt;
            durationSeconds = t.durationSeconds;
            estimatedCost = t.estimatedCost;
            actualCost = t.actualCost;
            createdAt = t.createdAt;
            updatedAt = t.updatedAt;
            taskType = t.taskType;
            files = t.files;
            workspace = t.workspace;
            requiresSecurity = t.requiresSecurity;
            error = t.error;
            runs = t.runs;
            iterations = new ArrayList<>(t.iterations);
        }

        public OrchestratorTask build() {
            return new OrchestratorTask(id, projectId, issueNumber, title, description, labels, status, assignedAgent,
                    agentSwitches, currentIteration, maxIterations, currentQuality, finalQuality, testsPassing,
                    securityIssues, startedAt, completedAt, durationSeconds, estimatedCost, actualCost, createdAt,
                    updatedAt, taskType, files, workspace, requiresSecurity, error, runs, iterations);
        }
    }
}
