package dev.athanor.aws.breakers;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** The breakers table's item: one circuit per (team, breaker). Written with expressions, see the store. */
@DynamoDbBean
public class BreakerItem {

    private String teamId;
    private String id;
    private String state;
    private Integer failures;
    private Long changedAt;

    @DynamoDbPartitionKey
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

    @DynamoDbAttribute("state")
    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    @DynamoDbAttribute("failures")
    public Integer getFailures() {
        return failures;
    }

    public void setFailures(Integer failures) {
        this.failures = failures;
    }

    @DynamoDbAttribute("changed_at")
    public Long getChangedAt() {
        return changedAt;
    }

    public void setChangedAt(Long changedAt) {
        this.changedAt = changedAt;
    }
}
