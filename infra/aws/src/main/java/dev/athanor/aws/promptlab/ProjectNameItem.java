package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** Claims a project name within a team ({@code name#<name>}), so two projects cannot share one. */
@DynamoDbBean
public class ProjectNameItem extends TeamScopedItem {

    private Long projectId;

    @DynamoDbAttribute("project_id")
    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }
}
