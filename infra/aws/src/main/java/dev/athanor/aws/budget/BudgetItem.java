package dev.athanor.aws.budget;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A team's spend on one UTC day ({@code id} = {@code daily#YYYY-MM-DD}): the settled cost in USD, the open holds by
 * id, and the ids settled recently with the epoch millisecond until which a repeated settle is ignored. The table
 * deletes a period by itself a week after it ends ({@code purge_at}, the table's TTL attribute, epoch seconds).
 */
@DynamoDbBean
public class BudgetItem extends TeamScopedItem {

    private BigDecimal spentUsd;
    private Map<String, HoldItem> holds;
    private Map<String, Long> settled;
    private Long purgeAt;

    @DynamoDbAttribute("spent_usd")
    public BigDecimal getSpentUsd() {
        return spentUsd;
    }

    public void setSpentUsd(BigDecimal spentUsd) {
        this.spentUsd = spentUsd;
    }

    @DynamoDbAttribute("holds")
    public Map<String, HoldItem> getHolds() {
        return holds;
    }

    public void setHolds(Map<String, HoldItem> holds) {
        this.holds = holds;
    }

    @DynamoDbAttribute("settled")
    public Map<String, Long> getSettled() {
        return settled;
    }

    public void setSettled(Map<String, Long> settled) {
        this.settled = settled;
    }

    @DynamoDbAttribute("purge_at")
    public Long getPurgeAt() {
        return purgeAt;
    }

    public void setPurgeAt(Long purgeAt) {
        this.purgeAt = purgeAt;
    }
}
