package dev.athanor.aws.keys;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

import java.math.BigDecimal;
import java.util.List;

/**
 * One API key, keyed by its id alone: a presented key names its id, not its team, and is found with one strongly
 * consistent get. The {@value #BY_TEAM} index (partition {@code team_id}, sort {@code created_key}: creation time,
 * {@code #}, id) lists a team's keys newest first. Only the secret's SHA-256 ({@code secret_hash}) is stored.
 */
@DynamoDbBean
public class ApiKeyItem {

    public static final String BY_TEAM = "by_team";

    private String id;
    private String teamId;
    private String createdKey;
    private Long version;
    private String name;
    private String role;
    private String createdBy;
    private String createdAt;
    private String expiresAt;
    private List<String> allowedModels;
    private BigDecimal budgetUsd;
    private String budgetPeriod;
    private Integer requestsPerMinute;
    private Integer tokensPerMinute;
    private String revokedAt;
    private String secretHash;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("id")
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_TEAM)
    @DynamoDbAttribute("team_id")
    public String getTeamId() {
        return teamId;
    }

    public void setTeamId(String teamId) {
        this.teamId = teamId;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_TEAM)
    @DynamoDbAttribute("created_key")
    public String getCreatedKey() {
        return createdKey;
    }

    public void setCreatedKey(String createdKey) {
        this.createdKey = createdKey;
    }

    @DynamoDbVersionAttribute
    @DynamoDbAttribute("version")
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    @DynamoDbAttribute("name")
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @DynamoDbAttribute("role")
    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    @DynamoDbAttribute("created_by")
    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    @DynamoDbAttribute("created_at")
    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbAttribute("expires_at")
    public String getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(String expiresAt) {
        this.expiresAt = expiresAt;
    }

    @DynamoDbAttribute("allowed_models")
    public List<String> getAllowedModels() {
        return allowedModels;
    }

    public void setAllowedModels(List<String> allowedModels) {
        this.allowedModels = allowedModels;
    }

    @DynamoDbAttribute("budget_usd")
    public BigDecimal getBudgetUsd() {
        return budgetUsd;
    }

    public void setBudgetUsd(BigDecimal budgetUsd) {
        this.budgetUsd = budgetUsd;
    }

    @DynamoDbAttribute("budget_period")
    public String getBudgetPeriod() {
        return budgetPeriod;
    }

    public void setBudgetPeriod(String budgetPeriod) {
        this.budgetPeriod = budgetPeriod;
    }

    @DynamoDbAttribute("requests_per_minute")
    public Integer getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(Integer requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    @DynamoDbAttribute("tokens_per_minute")
    public Integer getTokensPerMinute() {
        return tokensPerMinute;
    }

    public void setTokensPerMinute(Integer tokensPerMinute) {
        this.tokensPerMinute = tokensPerMinute;
    }

    @DynamoDbAttribute("revoked_at")
    public String getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(String revokedAt) {
        this.revokedAt = revokedAt;
    }

    @DynamoDbAttribute("secret_hash")
    public String getSecretHash() {
        return secretHash;
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }
}
