package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.TeamScopedItem;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * An agent connection as stored under {@code connection#<agent_id>}. The API key is held only sealed
 * ({@code sealed_api_key}); toString is Object's, showing no field.
 */
@DynamoDbBean
public class AgentConnectionItem extends TeamScopedItem {

    private String agentId;
    private String agentName;
    private String connectionType;
    private String endpoint;
    private Integer port;
    private String apiKeyId;
    private String sealedApiKey;
    private Boolean enabled;
    private String model;

    @DynamoDbAttribute("agent_id")
    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }

    @DynamoDbAttribute("agent_name")
    public String getAgentName() {
        return agentName;
    }

    public void setAgentName(String agentName) {
        this.agentName = agentName;
    }

    @DynamoDbAttribute("connection_type")
    public String getConnectionType() {
        return connectionType;
    }

    public void setConnectionType(String connectionType) {
        this.connectionType = connectionType;
    }

    @DynamoDbAttribute("endpoint")
    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    @DynamoDbAttribute("port")
    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    @DynamoDbAttribute("api_key_id")
    public String getApiKeyId() {
        return apiKeyId;
    }

    public void setApiKeyId(String apiKeyId) {
        this.apiKeyId = apiKeyId;
    }

    @DynamoDbAttribute("sealed_api_key")
    public String getSealedApiKey() {
        return sealedApiKey;
    }

    public void setSealedApiKey(String sealedApiKey) {
        this.sealedApiKey = sealedApiKey;
    }

    @DynamoDbAttribute("enabled")
    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    @DynamoDbAttribute("model")
    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }
}
