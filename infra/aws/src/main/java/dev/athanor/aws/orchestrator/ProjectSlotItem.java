package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** Claims a project slot within a team ({@code slot#Projekt-A}), so two projects cannot hold one. */
@DynamoDbBean
public class ProjectSlotItem extends TeamScopedItem {

    private String projectId;

    @DynamoDbAttribute("project_id")
    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }
}
