package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.time.Instant;

/** A project's saved backend-test settings ({@code settings#<project id>}); the prompt is JSON. */
@DynamoDbBean
public class PromptTestSettingsItem extends TeamScopedItem {

    private Long projectId;
    private String testBackendUrl;
    private String prompt;
    private Instant updatedAt;

    @DynamoDbAttribute("project_id")
    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    @DynamoDbAttribute("test_backend_url")
    public String getTestBackendUrl() {
        return testBackendUrl;
    }

    public void setTestBackendUrl(String testBackendUrl) {
        this.testBackendUrl = testBackendUrl;
    }

    @DynamoDbAttribute("prompt")
    public String getPrompt() {
        return prompt;
    }

    public void setPrompt(String prompt) {
        this.prompt = prompt;
    }

    @DynamoDbAttribute("updated_at")
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
