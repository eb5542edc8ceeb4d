package dev.athanor.aws.live;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The key schema of the {@code live_connections} table, which holds two kinds of item:
 * <ul>
 *   <li>a connection: {@code pk = conn#<connection id>}, {@code sk = #}, with {@code team_id} (which puts it in the
 *       sparse {@code by_team} index), {@code subject}, {@code connected_at} (epoch ms) and {@code channels} (a string
 *       set);</li>
 *   <li>a subscription: {@code pk = chan#<team>#<channel>}, {@code sk = <connection id>}, so one query finds who
 *       listens on a channel.</li>
 * </ul>
 * Both carry {@code expires_at} (epoch seconds), the table's TTL attribute; expiry is also checked on read.
 * {@link DynamoConnectionStore} reads and writes with expressions (sets grow and shrink atomically).
 */
@DynamoDbBean
public class LiveConnectionItem {

    public static final String BY_TEAM = "by_team";

    private String pk;
    private String sk;
    private String teamId;

    @DynamoDbPartitionKey
    @DynamoDbSecondarySortKey(indexNames = BY_TEAM)
    @DynamoDbAttribute("pk")
    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    @DynamoDbSortKey
    @DynamoDbAttribute("sk")
    public String getSk() {
        return sk;
    }

    public void setSk(String sk) {
        this.sk = sk;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_TEAM)
    @DynamoDbAttribute("team_id")
    public String getTeamId() {
        return teamId;
    }

    public void setTeamId(String teamId) {
        this.teamId = teamId;
    }
}
