package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * A piece of the prompt lab's Git state in the {@code prompt_projects} table (a team's Git identity, a promotion,
 * a production file read from Git, a gate, an audit line): the record as JSON, and the project it belongs to (0 for
 * the team's own) so a list can be filtered by project.
 */
@DynamoDbBean
public class GitStateItem extends TeamScopedItem {

    private Long projectId;
    private String data;

    @DynamoDbAttribute("project_id")
    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    @DynamoDbAttribute("data")
    public String getData() {
        return data;
    }

    public void setData(String data) {
        this.data = data;
    }
}
