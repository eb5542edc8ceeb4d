package dev.athanor.aws.breakers;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * The breakers table's item: one circuit per (team, breaker). It fixes the key schema; the store writes it with
 * update expressions (atomic counters and conditions on the state), so the version attribute stays unused.
 */
@DynamoDbBean
public class BreakerItem extends TeamScopedItem {

    private String state;
    private Integer failures;
    private Long changedAt;

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
