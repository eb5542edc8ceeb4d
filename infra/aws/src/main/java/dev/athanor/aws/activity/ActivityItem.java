package dev.athanor.aws.activity;

import dev.athanor.model.activity.ActivityEntry;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One entry of the {@code activity} table: keyed by team and entry id, found in time order through the
 * {@value #BY_TIME} index (team, {@code at_key}) and per action through the {@value #BY_ACTION} index
 * ({@code team_action}, {@code at_key}). {@code expires_at} is the table's TTL attribute (epoch seconds). Entries are
 * written whole and never updated, so the item carries no version.
 */
@DynamoDbBean
public class ActivityItem {

    public static final String BY_TIME = "by_time";
    public static final String BY_ACTION = "by_action";
    public static final String EXPIRES_AT = "expires_at";

    private String teamId;
    private String id;
    private String atKey;
    private String teamAction;
    private String at;
    private String action;
    private String agent;
    private String job;
    private String status;
    private String detail;
    private BigDecimal costUsd;
    private Long durationMs;
    private Long expiresAt;

    ActivityEntry entry() {
        return new ActivityEntry(id, Instant.parse(at), action, agent, job, status, detail, costUsd, durationMs);
    }

    @DynamoDbPartitionKey
    @DynamoDbSecondaryPartitionKey(indexNames = BY_TIME)
    @DynamoDbAttribute("team_id")
    public String getTeamId() {
        return teamId;
    }

    public void setTeamId(String teamId) {
        this.teamId = teamId;
    }

    @DynamoDbSortKey
    @DynamoDbAttribute("id")
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @DynamoDbSecondarySortKey(indexNames = {BY_TIME, BY_ACTION})
    @DynamoDbAttribute("at_key")
    public String getAtKey() {
        return atKey;
    }

    public void setAtKey(String atKey) {
        this.atKey = atKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_ACTION)
    @DynamoDbAttribute("team_action")
    public String getTeamAction() {
        return teamAction;
    }

    public void setTeamAction(String teamAction) {
        this.teamAction = teamAction;
    }

    @DynamoDbAttribute("at")
    public String getAt() {
        return at;
    }

    public void setAt(String at) {
        this.at = at;
    }

    @DynamoDbAttribute("action")
    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    @DynamoDbAttribute("agent")
    public String getAgent() {
        return agent;
    }

    public void setAgent(String agent) {
        this.agent = agent;
    }

    @DynamoDbAttribute("job")
    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    @DynamoDbAttribute("status")
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @DynamoDbAttribute("detail")
    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }

    @DynamoDbAttribute("cost_usd")
    public BigDecimal getCostUsd() {
        return costUsd;
    }

    public void setCostUsd(BigDecimal costUsd) {
        this.costUsd = costUsd;
    }

    @DynamoDbAttribute("duration_ms")
    public Long getDurationMs() {
        return durationMs;
    }

    public void setDurationMs(Long durationMs) {
        this.durationMs = durationMs;
    }

    @DynamoDbAttribute(EXPIRES_AT)
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
