package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.time.Instant;

/** A prompt-lab project as stored under {@code project#<id>}; the id is also kept as a number. */
@DynamoDbBean
public class PromptProjectItem extends TeamScopedItem {

    private Long projectId;
    private String name;
    private String providerId;
    private String llamastackUrl;
    private String gitRepoUrl;
    private String testBackendUrl;
    private String description;
    private Instant createdAt;
    private Instant updatedAt;

    @DynamoDbAttribute("project_id")
    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    @DynamoDbAttribute("name")
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @DynamoDbAttribute("provider_id")
    public String getProviderId() {
        return providerId;
    }

    public void setProviderId(String providerId) {
        this.providerId = providerId;
    }

    @DynamoDbAttribute("llamastack_url")
    public String getLlamastackUrl() {
        return llamastackUrl;
    }

    public void setLlamastackUrl(String llamastackUrl) {
        this.llamastackUrl = llamastackUrl;
    }

    @DynamoDbAttribute("git_repo_url")
    public String getGitRepoUrl() {
        return gitRepoUrl;
    }

    public void setGitRepoUrl(String gitRepoUrl) {
        this.gitRepoUrl = gitRepoUrl;
    }

    @DynamoDbAttribute("test_backend_url")
    public String getTestBackendUrl() {
        return testBackendUrl;
    }

    public void setTestBackendUrl(String testBackendUrl) {
        this.testBackendUrl = testBackendUrl;
    }

    @DynamoDbAttribute("description")
    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
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
}
