package dev.athanor.aws.accounts;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * One item of the {@code accounts} table. The table holds a few kinds of item, told apart by the prefix of their key
 * {@code pk}, each using the attributes it needs:
 * <ul>
 *   <li>{@code user#<email>}: an account ({@code user_id}, {@code email}, {@code password_hash}, {@code full_name},
 *       {@code team_id}, {@code role}, {@code verified}, {@code created_at});</li>
 *   <li>{@code refresh#<sha256>}: a refresh token ({@code family_id}, {@code email}, {@code expires_at}, {@code used});</li>
 *   <li>{@code family#<id>}: a login's token family ({@code revoked});</li>
 *   <li>{@code invite#<sha256>}: an invite ({@code team_id}, {@code role}, {@code expires_at}, {@code created_by});</li>
 *   <li>{@code verify#<sha256>}: an email-verification token ({@code email}, {@code expires_at});</li>
 *   <li>{@code failures#<account|address>:<value>}: a failed-login counter (see {@link DynamoLoginFailureStore}).</li>
 * </ul>
 * Everything that expires carries {@code purge_at} (epoch seconds), the table's TTL attribute; expiry is also
 * checked on read, as DynamoDB deletes expired items only eventually. Times are epoch milliseconds.
 */
@DynamoDbBean
public class AccountItem {

    public static final String PURGE_AT = "purge_at";

    private String pk;
    private String userId;
    private String email;
    private String passwordHash;
    private String fullName;
    private String teamId;
    private String role;
    private Boolean verified;
    private Long createdAt;
    private String familyId;
    private Long expiresAt;
    private Boolean used;
    private Boolean revoked;
    private String createdBy;
    private Long purgeAt;

    @DynamoDbPartitionKey
    @DynamoDbAttribute("pk")
    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    @DynamoDbAttribute("user_id")
    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    @DynamoDbAttribute("email")
    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    @DynamoDbAttribute("password_hash")
    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    @DynamoDbAttribute("full_name")
    public String getFullName() {
        return fullName;
    }

    public void setFullName(String fullName) {
        this.fullName = fullName;
    }

    @DynamoDbAttribute("team_id")
    public String getTeamId() {
        return teamId;
    }

    public void setTeamId(String teamId) {
        this.teamId = teamId;
    }

    @DynamoDbAttribute("role")
    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    @DynamoDbAttribute("verified")
    public Boolean getVerified() {
        return verified;
    }

    public void setVerified(Boolean verified) {
        this.verified = verified;
    }

    @DynamoDbAttribute("created_at")
    public Long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Long createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbAttribute("family_id")
    public String getFamilyId() {
        return familyId;
    }

    public void setFamilyId(String familyId) {
        this.familyId = familyId;
    }

    @DynamoDbAttribute("expires_at")
    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    @DynamoDbAttribute("used")
    public Boolean getUsed() {
        return used;
    }

    public void setUsed(Boolean used) {
        this.used = used;
    }

    @DynamoDbAttribute("revoked")
    public Boolean getRevoked() {
        return revoked;
    }

    public void setRevoked(Boolean revoked) {
        this.revoked = revoked;
    }

    @DynamoDbAttribute("created_by")
    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    @DynamoDbAttribute(PURGE_AT)
    public Long getPurgeAt() {
        return purgeAt;
    }

    public void setPurgeAt(Long purgeAt) {
        this.purgeAt = purgeAt;
    }
}
