package dev.athanor.aws.hitl;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * One proposed lesson of a team. It is in the {@value #BY_STATUS} index, keyed by {@code team_status}
 * ({@code <team>#<status>}) and {@code created_key} (its creation time, then {@code #} and its id): each status
 * of a team, newest first.
 */
@DynamoDbBean
public class ExperienceItem extends TeamScopedItem {

    public static final String BY_STATUS = "by_status";

    private String teamStatus;
    private String createdKey;

    private String source;
    private String agent;
    private String content;
    private String status;
    private String createdAt;
    private String decidedAt;
    private String decidedBy;
    private String reason;

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getAgent() {
        return agent;
    }

    public void setAgent(String agent) {
        this.agent = agent;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @DynamoDbAttribute("created_at")
    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbAttribute("decided_at")
    public String getDecidedAt() {
        return decidedAt;
    }

    public void setDecidedAt(String decidedAt) {
        this.decidedAt = decidedAt;
    }

    @DynamoDbAttribute("decided_by")
    public String getDecidedBy() {
        return decidedBy;
    }

    public void setDecidedBy(String decidedBy) {
        this.decidedBy = decidedBy;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_STATUS)
    @DynamoDbAttribute("team_status")
    public String getTeamStatus() {
        return teamStatus;
    }

    public void setTeamStatus(String teamStatus) {
        this.teamStatus = teamStatus;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_STATUS)
    @DynamoDbAttribute("created_key")
    public String getCreatedKey() {
        return createdKey;
    }

    public void setCreatedKey(String createdKey) {
        this.createdKey = createdKey;
    }
}
