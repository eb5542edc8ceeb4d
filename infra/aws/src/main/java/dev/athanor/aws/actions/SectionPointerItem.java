package dev.athanor.aws.actions;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * Names the post that holds a section ({@code section#<section id>}), so a section is found without its post's id.
 * Written and removed in the same transaction as the post.
 */
@DynamoDbBean
public class SectionPointerItem extends TeamScopedItem {

    private Long postId;

    @DynamoDbAttribute("post_id")
    public Long getPostId() {
        return postId;
    }

    public void setPostId(Long postId) {
        this.postId = postId;
    }
}
