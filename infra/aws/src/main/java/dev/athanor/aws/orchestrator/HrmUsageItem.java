package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** How many times a team applied a preset, {@code usage#<preset id>}: an atomic counter's item. */
@DynamoDbBean
public class HrmUsageItem extends TeamScopedItem {

    private Long nextId;

    @DynamoDbAttribute("next_id")
    public Long getNextId() {
        return nextId;
    }

    public void setNextId(Long nextId) {
        this.nextId = nextId;
    }
}
