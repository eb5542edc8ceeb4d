package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.time.Instant;

/** One change of an HRM config, {@code history#<config id>#<the config's version, zero-padded>}, so a
 * config's changes are one prefix in the order they were made; the changed values are JSON. */
@DynamoDbBean
public class HrmHistoryItem extends TeamScopedItem {

    private String entryId;
    private String configId;
    private String projectId;
    private String taskId;
    private Instant changedAt;
    private String changedBy;
    private String source;
    private String presetId;
    private String presetName;
    private String changes;

    @DynamoDbAttribute("entry_id")
    public String getEntryId() {
        return entryId;
    }

    public void setEntryId(String entryId) {
        this.entryId = entryId;
    }

    @DynamoDbAttribute("config_id")
    public String getConfigId() {
        return configId;
    }

    public void setConfigId(String configId) {
        this.configId = configId;
    }

    @DynamoDbAttribute("project_id")
    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    @DynamoDbAttribute("task_id")
    public String getTaskId() {
        return taskId;
    }

    public void setTaskId(String taskId) {
        this.taskId = taskId;
    }

    @DynamoDbAttribute("changed_at")
    public Instant getChangedAt() {
        return changedAt;
    }

    public void setChangedAt(Instant changedAt) {
        this.changedAt = changedAt;
    }

    @DynamoDbAttribute("changed_by")
    public String getChangedBy() {
        return changedBy;
    }

    public void setChangedBy(String changedBy) {
        this.changedBy = changedBy;
    }

    @DynamoDbAttribute("source")
    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    @DynamoDbAttribute("preset_id")
    public String getPresetId() {
        return presetId;
    }

    public void setPresetId(String presetId) {
        this.presetId = presetId;
    }

    @DynamoDbAttribute("preset_name")
    public String getPresetName() {
        return presetName;
    }

    public void setPresetName(String presetName) {
        this.presetName = presetName;
    }

    @DynamoDbAttribute("changes")
    public String getChanges() {
        return changes;
    }

    public void setChanges(String changes) {
        this.changes = changes;
    }
}
