package dev.athanor.aws.keys;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * One counter in one minute ({@code id} = {@code <counter>#<window start, epoch seconds>}). Written only with atomic
 * {@code ADD}s ({@link DynamoRateLimitStore}); the table deletes it by itself after {@code purge_at} (its TTL
 * attribute, epoch seconds). This bean declares the key schema the table is checked against.
 */
@DynamoDbBean
public class RateLimitItem extends TeamScopedItem {

    private Long count;
    private Long purgeAt;

    @DynamoDbAttribute("count")
    public Long getCount() {
        return count;
    }

    public void setCount(Long count) {
        this.count = count;
    }

    @DynamoDbAttribute("purge_at")
    public Long getPurgeAt() {
        return purgeAt;
    }

    public void setPurgeAt(Long purgeAt) {
        this.purgeAt = purgeAt;
    }
}
