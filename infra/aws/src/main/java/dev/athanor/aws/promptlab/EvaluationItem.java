package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

import java.time.Instant;

/**
 * A prompt-lab evaluation as stored: id {@code <project id>#<evaluation id>}, its project and status as attributes
 * and the rest (request, aggregates) as one JSON document, since it is always read and written whole. It is in the
 * {@value #BY_CREATED} index, keyed by {@code team_project} ({@code <team>#<project id>}) and {@code created_key}
 * (its creation time, then {@code #} and its id): a project's evaluations, newest first.
 */
@DynamoDbBean
public class EvaluationItem extends TeamScopedItem {

    public static final String BY_CREATED = "by_created";

    private String teamProject;
    private String createdKey;
    private Long projectId;
    private String status;
    private String body;
    private Instant createdAt;

    @DynamoDbAttribute("project_id")
    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    @DynamoDbAttribute("created_at")
    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CREATED)
    @DynamoDbAttribute("team_project")
    public String getTeamProject() {
        return teamProject;
    }

    public void setTeamProject(String teamProject) {
        this.teamProject = teamProject;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_CREATED)
    @DynamoDbAttribute("created_key")
    public String getCreatedKey() {
        return createdKey;
    }

    public void setCreatedKey(String createdKey) {
        this.createdKey = createdKey;
    }
}
