package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.time.Instant;

/** One prompt-history or backend-test entry; the prompt settings are kept as JSON. */
@DynamoDbBean
public class PromptHistoryItem extends TeamScopedItem {

    private Long projectId;
    private String kind;
    private Long entryId;
    private String prompt;
    private String response;
    private String thought;
    private String backendUrl;
    private Integer statusCode;
    private Long responseTimeMs;
    private Long timeToFirstByteMs;
    private String error;
    private Integer rating;
    private String notes;
    private Boolean marked;
    private Instant createdAt;

    @DynamoDbAttribute("project_id")
    public Long getProjectId() {
        return projectId;
    }

    public void setProjectId(Long projectId) {
        this.projectId = projectId;
    }

    @DynamoDbAttribute("kind")
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @DynamoDbAttribute("entry_id")
    public Long getEntryId() {
        return entryId;
    }

    public void setEntryId(Long entryId) {
        this.entryId = entryId;
    }

    @DynamoDbAttribute("prompt")
    public String getPrompt() {
        return prompt;
    }

    public void setPrompt(String prompt) {
        this.prompt = prompt;
    }

    @DynamoDbAttribute("response")
    public String getResponse() {
        return response;
    }

    public void setResponse(String response) {
        this.response = response;
    }

    @DynamoDbAttribute("thought")
    public String getThought() {
        return thought;
    }

    public void setThought(String thought) {
        this.thought = thought;
    }

    @DynamoDbAttribute("backend_url")
    public String getBackendUrl() {
        return backendUrl;
    }

    public void setBackendUrl(String backendUrl) {
        this.backendUrl = backendUrl;
    }

    @DynamoDbAttribute("status_code")
    public Integer getStatusCode() {
        return statusCode;
    }

    public void setStatusCode(Integer statusCode) {
        this.statusCode = statusCode;
    }

    @DynamoDbAttribute("response_time_ms")
    public Long getResponseTimeMs() {
        return responseTimeMs;
    }

    public void setResponseTimeMs(Long responseTimeMs) {
        this.responseTimeMs = responseTimeMs;
    }

    @DynamoDbAttribute("time_to_first_byte_ms")
    public Long getTimeToFirstByteMs() {
        return timeToFirstByteMs;
    }

    public void setTimeToFirstByteMs(Long timeToFirstByteMs) {
        this.timeToFirstByteMs = timeToFirstByteMs;
    }

    @DynamoDbAttribute("error")
    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    @DynamoDbAttribute("rating")
    public Integer getRating() {
        return rating;
    }

    public void setRating(Integer rating) {
        this.rating = rating;
    }

    @DynamoDbAttribute("notes")
    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    @DynamoDbAttribute("marked")
    public Boolean getMarked() {
        return marked;
    }

    public void setMarked(Boolean marked) {
        this.marked = marked;
    }

    @DynamoDbAttribute("created_at")
    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
