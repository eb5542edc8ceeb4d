package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * A GitHub delivery a team has processed ({@code delivery#<guid>}), kept in the projects table until
 * {@code expires_at} (epoch seconds, the table's TTL attribute) so that a replay of it is refused.
 */
@DynamoDbBean
public class GithubDeliveryItem extends TeamScopedItem {

    public static final String EXPIRES_AT = "expires_at";

    private Long expiresAt;

    @DynamoDbAttribute(EXPIRES_AT)
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
