package dev.athanor.aws.providers;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered provider as stored; the id is the provider id. The API key is held only sealed
 * ({@code sealed_api_key}); no accessor here returns it in plain text, and toString is Object's, showing no field.
 */
@DynamoDbBean
public class ProviderItem extends TeamScopedItem {

    private String kind;
    private String baseUrl;
    private List<String> models;
    private Map<String, String> options;
    private Boolean enabled;
    private String sealedApiKey;
    private Instant createdAt;
    private Instant updatedAt;

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @DynamoDbAttribute("base_url")
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public List<String> getModels() {
        return models;
    }

    public void setModels(List<String> models) {
        this.models = models;
    }

    public Map<String, String> getOptions() {
        return options;
    }

    public void setOptions(Map<String, String> options) {
        this.options = options;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    @DynamoDbAttribute("sealed_api_key")
    public String getSealedApiKey() {
        return sealedApiKey;
    }

    public void setSealedApiKey(String sealedApiKey) {
        this.sealedApiKey = sealedApiKey;
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
}
