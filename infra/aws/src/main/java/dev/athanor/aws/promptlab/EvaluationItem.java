package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.time.Instant;

/**
 * A prompt-lab evaluation as stored: id {@code <project id>#<evaluation id>}, its project and status as attributes
 * and the rest (request, aggregates) as one JSON document, since it is always read and written whole.
 */
@DynamoDbBean
public class EvaluationItem extends TeamScopedItem {

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
}
