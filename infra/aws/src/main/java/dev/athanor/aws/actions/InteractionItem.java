package dev.athanor.aws.actions;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

import java.time.Instant;

/**
 * One model interaction of the actions surface: an action's run under {@code action#<action id>#<id>}, any other
 * kind under {@code <kind>#<id>}. It is in the {@value #BY_TIME} index, keyed by the team and {@code created_key}
 * (the id, zero-padded): the team's interactions of every kind, newest first when read in reverse. The counter item
 * has no {@code created_key}, so it is never in the index.
 */
@DynamoDbBean
public class InteractionItem extends TeamScopedItem {

    public static final String BY_TIME = "by_time";

    private String createdKey;
    private String kind;
    private Long actionId;
    private Long postId;
    private Long interactionId;
    private String inputText;
    private String outputText;
    private String status;
    private String errorMessage;
    private String model;
    private Double temperature;
    private Integer maxTokens;
    private Double durationSeconds;
    private Integer promptTokens;
    private Integer completionTokens;
    private Instant createdAt;

    /** The table's partition key, also the index's: overridden only to add the index annotation. */
    @Override
    @DynamoDbPartitionKey
    @DynamoDbSecondaryPartitionKey(indexNames = BY_TIME)
    @DynamoDbAttribute("team_id")
    public String getTeamId() {
        return super.getTeamId();
    }

    @Override
    public void setTeamId(String teamId) {
        super.setTeamId(teamId);
    }

    @DynamoDbSecondarySortKey(indexNames = BY_TIME)
    @DynamoDbAttribute("created_key")
    public String getCreatedKey() {
        return createdKey;
    }

    public void setCreatedKey(String createdKey) {
        this.createdKey = createdKey;
    }

    @DynamoDbAttribute("kind")
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @DynamoDbAttribute("action_id")
    public Long getActionId() {
        return actionId;
    }

    public void setActionId(Long actionId) {
        this.actionId = actionId;
    }

    @DynamoDbAttribute("post_id")
    public Long getPostId() {
        return postId;
    }

    public void setPostId(Long postId) {
        this.postId = postId;
    }

    @DynamoDbAttribute("interaction_id")
    public Long getInteractionId() {
        return interactionId;
    }

    public void setInteractionId(Long interactionId) {
        this.interactionId = interactionId;
    }

    @DynamoDbAttribute("input_text")
    public String getInputText() {
        return inputText;
    }

    public void setInputText(String inputText) {
        this.inputText = inputText;
    }

    @DynamoDbAttribute("output_text")
    public String getOutputText() {
        return outputText;
    }

    public void setOutputText(String outputText) {
        this.outputText = outputText;
    }

    @DynamoDbAttribute("status")
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @DynamoDbAttribute("error_message")
    public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }

    @DynamoDbAttribute("model")
    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    @DynamoDbAttribute("temperature")
    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    @DynamoDbAttribute("max_tokens")
    public Integer getMaxTokens() {
        return maxTokens;
    }

    public void setMaxTokens(Integer maxTokens) {
        this.maxTokens = maxTokens;
    }

    @DynamoDbAttribute("duration_seconds")
    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Double durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    @DynamoDbAttribute("prompt_tokens")
    public Integer getPromptTokens() {
        return promptTokens;
    }

    public void setPromptTokens(Integer promptTokens) {
        this.promptTokens = promptTokens;
    }

    @DynamoDbAttribute("completion_tokens")
    public Integer getCompletionTokens() {
        return completionTokens;
    }

    public void setCompletionTokens(Integer completionTokens) {
        this.completionTokens = completionTokens;
    }

    @DynamoDbAttribute("created_at")
    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
