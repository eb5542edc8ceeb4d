package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

import java.time.Instant;
import java.util.List;

/**
 * An orchestrator task as stored: id the task's id, one attribute per field of the task. Two indexes list tasks
 * newest first by {@code created_key} (creation time, then {@code #} and the id): {@value #BY_CREATED} per team
 * ({@code team_id}) and {@value #BY_PROJECT} per project ({@code team_project}: {@code <team>#<project id>}). Both
 * project only what lists filter on and stats add up (status; final quality and actual cost), so a list reads keys
 * and fetches the whole items of one page alone.
 */
@DynamoDbBean
public class TaskItem extends TeamScopedItem {

    public static final String BY_CREATED = "by_created";
    public static final String BY_PROJECT = "by_project";

    private String teamProject;
    private String createdKey;
    private String projectId;
    private Integer issueNumber;
    private String title;
    private String description;
    private List<String> labels;
    private String status;
    private String assignedAgent;
    private Integer agentSwitches;
    private Integer currentIteration;
    private Integer maxIterations;
    private Double currentQuality;
    private Double finalQuality;
    private Boolean testsPassing;
    private Integer securityIssues;
    private Instant startedAt;
    private Instant completedAt;
    private Double durationSeconds;
    private Double estimatedCost;
    private Double actualCost;
    private Instant createdAt;
    private Instant updatedAt;
    private String taskType;
    private List<String> files;
    private String workspace;
    private Boolean requiresSecurity;
    private String error;
    private Integer runs;
    private String iterations;

    /** The table's partition key, also {@value #BY_CREATED}'s: overridden only to add the index annotation. */
    @Override
    @DynamoDbPartitionKey
    @DynamoDbSecondaryPartitionKey(indexNames = BY_CREATED)
    @DynamoDbAttribute("team_id")
    public String getTeamId() {
        return super.getTeamId();
    }

    @Override
    public void setTeamId(String teamId) {
        super.setTeamId(teamId);
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_PROJECT)
    @DynamoDbAttribute("team_project")
    public String getTeamProject() {
        return teamProject;
    }

    public void setTeamProject(String teamProject) {
        this.teamProject = teamProject;
    }

    @DynamoDbSecondarySortKey(indexNames = {BY_CREATED, BY_PROJECT})
    @DynamoDbAttribute("created_key")
    public String getCreatedKey() {
        return createdKey;
    }

    public void setCreatedKey(String createdKey) {
        this.createdKey = createdKey;
    }

    @DynamoDbAttribute("project_id")
    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    @DynamoDbAttribute("issue_number")
    public Integer getIssueNumber() {
        return issueNumber;
    }

    public void setIssueNumber(Integer issueNumber) {
        this.issueNumber = issueNumber;
    }

    @DynamoDbAttribute("title")
    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    @DynamoDbAttribute("description")
    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @DynamoDbAttribute("labels")
    public List<String> getLabels() {
        return labels;
    }

    public void setLabels(List<String> labels) {
        this.labels = labels;
    }

    @DynamoDbAttribute("status")
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @DynamoDbAttribute("assigned_agent")
    public String getAssignedAgent() {
        return assignedAgent;
    }

    public void setAssignedAgent(String assignedAgent) {
        this.assignedAgent = assignedAgent;
    }

    @DynamoDbAttribute("agent_switches")
    public Integer getAgentSwitches() {
        return agentSwitches;
    }

    public void setAgentSwitches(Integer agentSwitches) {
        this.agentSwitches = agentSwitches;
    }

    @DynamoDbAttribute("current_iteration")
    public Integer getCurrentIteration() {
        return currentIteration;
    }

    public void setCurrentIteration(Integer currentIteration) {
        this.currentIteration = currentIteration;
    }

    @DynamoDbAttribute("max_iterations")
    public Integer getMaxIterations() {
        return maxIterations;
    }

    public void setMaxIterations(Integer maxIterations) {
        this.maxIterations = maxIterations;
    }

    @DynamoDbAttribute("current_quality")
    public Double getCurrentQuality() {
        return currentQuality;
    }

    public void setCurrentQuality(Double currentQuality) {
        this.currentQuality = currentQuality;
    }

    @DynamoDbAttribute("final_quality")
    public Double getFinalQuality() {
        return finalQuality;
    }

    public void setFinalQuality(Double finalQuality) {
        this.finalQuality = finalQuality;
    }

    @DynamoDbAttribute("tests_passing")
    public Boolean getTestsPassing() {
        return testsPassing;
    }

    public void setTestsPassing(Boolean testsPassing) {
        this.testsPassing = testsPassing;
    }

    @DynamoDbAttribute("security_issues")
    public Integer getSecurityIssues() {
        return securityIssues;
    }

    public void setSecurityIssues(Integer securityIssues) {
        this.securityIssues = securityIssues;
    }

    @DynamoDbAttribute("started_at")
    public Instant getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
    }

    @DynamoDbAttribute("completed_at")
    public Instant getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(Instant completedAt) {
        this.completedAt = completedAt;
    }

    @DynamoDbAttribute("duration_seconds")
    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Double durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    @DynamoDbAttribute("estimated_cost")
    public Double getEstimatedCost() {
        return estimatedCost;
    }

    public void setEstimatedCost(Double estimatedCost) {
        this.estimatedCost = estimatedCost;
    }

    @DynamoDbAttribute("actual_cost")
    public Double getActualCost() {
        return actualCost;
    }

    public void setActualCost(Double actualCost) {
        this.actualCost = actualCost;
    }

    @DynamoDbAttribute("created_at")
    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbAttribute("updated_at")
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    @DynamoDbAttribute("task_type")
    public String getTaskType() {
        return taskType;
    }

    public void setTaskType(String taskType) {
        this.taskType = taskType;
    }

    @DynamoDbAttribute("files")
    public List<String> getFiles() {
        return files;
    }

    public void setFiles(List<String> files) {
        this.files = files;
    }

    @DynamoDbAttribute("workspace")
    public String getWorkspace() {
        return workspace;
    }

    public void setWorkspace(String workspace) {
        this.workspace = workspace;
    }

    @DynamoDbAttribute("requires_security")
    public Boolean getRequiresSecurity() {
        return requiresSecurity;
    }

    public void setRequiresSecurity(Boolean requiresSecurity) {
        this.requiresSecurity = requiresSecurity;
    }

    @DynamoDbAttribute("error")
    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    @DynamoDbAttribute("runs")
    public Integer getRuns() {
        return runs;
    }

    public void setRuns(Integer runs) {
        this.runs = runs;
    }

    /** The iterations as a JSON array (they are read and written with the task, never queried). */
    @DynamoDbAttribute("iterations")
    public String getIterations() {
        return iterations;
    }

    public void setIterations(String iterations) {
        this.iterations = iterations;
    }
}
