package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;

import java.time.Instant;

/**
 * An orchestrator project as stored under {@code project#<uuid>}: enums by their wire names, the slot by its label
 * and the configuration as its API JSON. A project with a GitHub webhook also holds its hook id (the key of the
 * sparse {@value #BY_HOOK} index, by which a delivery finds its project without knowing the team), its sealed secret
 * and when they were made.
 */
@DynamoDbBean
public class OrchestratorProjectItem extends TeamScopedItem {

    public static final String BY_HOOK = "by_hook";

    private String projectId;
    private String name;
    private String type;
    private String status;
    private String githubRepo;
    private String slot;
    private String config;
    private Instant createdAt;
    private Instant updatedAt;
    private String hookId;
    private String sealedHookSecret;
    private Instant hookCreatedAt;

    @DynamoDbAttribute("project_id")
    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    @DynamoDbAttribute("name")
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @DynamoDbAttribute("type")
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    @DynamoDbAttribute("status")
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @DynamoDbAttribute("github_repo")
    public String getGithubRepo() {
        return githubRepo;
    }

    public void setGithubRepo(String githubRepo) {
        this.githubRepo = githubRepo;
    }

    @DynamoDbAttribute("slot")
    public String getSlot() {
        return slot;
    }

    public void setSlot(String slot) {
        this.slot = slot;
    }

    @DynamoDbAttribute("config")
    public String getConfig() {
        return config;
    }

    public void setConfig(String config) {
        this.config = config;
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

    @DynamoDbSecondaryPartitionKey(indexNames = BY_HOOK)
    @DynamoDbAttribute("hook_id")
    public String getHookId() {
        return hookId;
    }

    public void setHookId(String hookId) {
        this.hookId = hookId;
    }

    @DynamoDbAttribute("sealed_hook_secret")
    public String getSealedHookSecret() {
        return sealedHookSecret;
    }

    public void setSealedHookSecret(String sealedHookSecret) {
        this.sealedHookSecret = sealedHookSecret;
    }

    @DynamoDbAttribute("hook_created_at")
    public Instant getHookCreatedAt() {
        return hookCreatedAt;
    }

    public void setHookCreatedAt(Instant hookCreatedAt) {
        this.hookCreatedAt = hookCreatedAt;
    }
}
