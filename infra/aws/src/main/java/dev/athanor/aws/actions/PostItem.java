package dev.athanor.aws.actions;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.time.Instant;
import java.util.List;

/** A blog post stored under {@code post#<id>}, its sections in order as a list of maps inside the item. */
@DynamoDbBean
public class PostItem extends TeamScopedItem {

    private Long postId;
    private String title;
    private String body;
    private List<SectionValue> sections;
    private Instant createdAt;
    private Instant updatedAt;

    @DynamoDbAttribute("post_id")
    public Long getPostId() {
        return postId;
    }

    public void setPostId(Long postId) {
        this.postId = postId;
    }

    @DynamoDbAttribute("title")
    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    @DynamoDbAttribute("body")
    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    @DynamoDbAttribute("sections")
    public List<SectionValue> getSections() {
        return sections;
    }

    public void setSections(List<SectionValue> sections) {
        this.sections = sections;
    }

    @DynamoDbAttribute("created_at")
    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbAttribute("updated_at")
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    /** One section of a post, as a map within the post's item. */
    @DynamoDbBean
    public static class SectionValue {

        private Long id;
        private String heading;
        private String content;

        public SectionValue() {
        }

        public SectionValue(Long id, String heading, String content) {
            this.id = id;
            this.heading = heading;
            this.content = content;
        }

        @DynamoDbAttribute("id")
        public Long getId() {
            return id;
        }

        public void setId(Long id) {
            this.id = id;
        }

        @DynamoDbAttribute("heading")
        public String getHeading() {
            return heading;
        }

        public void setHeading(String heading) {
            this.heading = heading;
        }

        @DynamoDbAttribute("content")
        public String getContent() {
            return content;
        }

        public void setContent(String content) {
            this.content = content;
        }
    }
}
