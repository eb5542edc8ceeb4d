package dev.athanor.aws.pipeline;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * One pipeline execution: the execution and its outbox as JSON, and the attributes a reader filters on. An execution
 * that is due for the sweeper carries {@code due_shard} (its pipeline) and {@code due_at}, which put it in the sparse
 * {@value #BY_DUE} index; the others are not in that index at all. Every execution is in the {@value #BY_CREATED}
 * index, keyed by {@code team_pipeline} ({@code <team>#<pipeline>}) and {@code created_key} (its creation time, then
 * {@code #} and its id), which projects only its {@value #SUMMARY}: what a list shows of it, so that listing
 * executions reads neither their variables nor their steps nor their outbox.
 */
@DynamoDbBean
public class ExecutionItem extends TeamScopedItem {

    public static final String BY_DUE = "by_due";
    public static final String BY_CREATED = "by_created";
    public static final String SUMMARY = "summary";

    private String pipeline;
    private String status;
    private String execution;
    private String outbox;
    private String outboxToken;
    private String leaseUntil;
    private String createdAt;
    private String updatedAt;
    private String dueShard;
    private String dueAt;
    private String teamPipeline;
    private String createdKey;
    private String summary;

    public String getPipeline() {
        return pipeline;
    }

    public void setPipeline(String pipeline) {
        this.pipeline = pipeline;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getExecution() {
        return execution;
    }

    public void setExecution(String execution) {
        this.execution = execution;
    }

    public String getOutbox() {
        return outbox;
    }

    public void setOutbox(String outbox) {
        this.outbox = outbox;
    }

    @DynamoDbAttribute("outbox_token")
    public String getOutboxToken() {
        return outboxToken;
    }

    public void setOutboxToken(String outboxToken) {
        this.outboxToken = outboxToken;
    }

    @DynamoDbAttribute("lease_until")
    public String getLeaseUntil() {
        return leaseUntil;
    }

    public void setLeaseUntil(String leaseUntil) {
        this.leaseUntil = leaseUntil;
    }

    @DynamoDbAttribute("created_at")
    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbAttribute("updated_at")
    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_DUE)
    @DynamoDbAttribute("due_shard")
    public String getDueShard() {
        return dueShard;
    }

    public void setDueShard(String dueShard) {
        this.dueShard = dueShard;
    }

    /** An ISO-8601 instant with nine fraction digits, so that text order is time order. */
    @DynamoDbSecondarySortKey(indexNames = BY_DUE)
    @DynamoDbAttribute("due_at")
    public String getDueAt() {
        return dueAt;
    }

    public void setDueAt(String dueAt) {
        this.dueAt = dueAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CREATED)
    @DynamoDbAttribute("team_pipeline")
    public String getTeamPipeline() {
        return teamPipeline;
    }

    public void setTeamPipeline(String teamPipeline) {
        this.teamPipeline = teamPipeline;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_CREATED)
    @DynamoDbAttribute("created_key")
    public String getCreatedKey() {
        return createdKey;
    }

    public void setCreatedKey(String createdKey) {
        this.createdKey = createdKey;
    }

    /** {@link dev.athanor.model.pipeline.ExecutionSummary} as JSON. */
    @DynamoDbAttribute(SUMMARY)
    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }
}
