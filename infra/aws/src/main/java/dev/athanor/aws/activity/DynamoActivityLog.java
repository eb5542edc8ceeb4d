package dev.athanor.aws.activity;

import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.SortKeys;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityEntry;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A team's activity log in the {@code activity} table.
 * <p>
 * An entry's key is its team and its id alone, so appending the same entry again (a redelivered message, a retried
 * step) replaces the one item, even when the second write carries another time: the last write wins, time included.
 * Newest-first reads go through the {@code by_time} index, sorted by {@code at_key}: the time as a fixed-width
 * ISO-8601 instant (nine fraction digits, so text order is time order) then {@code #} and the id, which orders entries
 * of the same instant. Reads of one action go through {@code by_action}, keyed by {@code <team>#<action>}, so a rare
 * action (a refused call) is found without reading past thousands of step entries. Index reads are eventually
 * consistent: an entry shows up a moment after {@code append} returns. Each read is one page ({@link PagedQuery}).
 * <p>
 * Entries expire {@link #RETENTION} after their time: {@code expires_at} is the table's TTL attribute, and reads skip
 * entries past it, because DynamoDB deletes expired items only eventually (within days); a page that read such
 * entries holds fewer than asked.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.activity")
public class DynamoActivityLog implements ActivityLog, TeamData {

    public static final Duration RETENTION = Duration.ofDays(30);

    private static final int BATCH_SIZE = 25;
    private static final int MAX_BATCH_ATTEMPTS = 8;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<ActivityItem> table;
    private final PagedQuery<ActivityItem> byTime;
    private final PagedQuery<ActivityItem> byAction;
    private final Clock clock;

    @Inject
    public DynamoActivityLog(DynamoDbEnhancedClient client, TableNames names) {
        this(client, names, Clock.systemUTC());
    }

    DynamoActivityLog(DynamoDbEnhancedClient client, TableNames names, Clock clock) {
        this.client = client;
        this.table = client.table(names.require(Tables.ACTIVITY), Tables.ACTIVITY.schema());
        this.byTime = PagedQuery.over(table, ActivityItem.BY_TIME).newestFirst();
        this.byAction = PagedQuery.over(table, ActivityItem.BY_ACTION).newestFirst();
        this.clock = clock;
    }

    @Override
    public void append(TeamId team, ActivityEntry entry) {
        ActivityItem item = new ActivityItem();
        item.setTeamId(team.value());
        item.setId(entry.id());
        item.setAtKey(SortKeys.timeThen(entry.at(), entry.id()));
        item.setTeamAction(teamAction(team, entry.action()));
        item.setAt(entry.at().toString());
        item.setAction(entry.action());
        item.setAgent(entry.agent());
        item.setJob(entry.job());
        item.setStatus(entry.status());
        item.setDetail(entry.detail());
        item.setCostUsd(entry.costUsd());
        item.setDurationMs(entry.durationMs());
        item.setExpiresAt(entry.at().plus(RETENTION).getEpochSecond());
        table.putItem(item);
    }

    @Override
    public Page<ActivityEntry> page(TeamId team, PageRequest page) {
        return newest(byTime, team, team.value(), page);
    }

    @Override
    public Page<ActivityEntry> page(TeamId team, String action, PageRequest page) {
        return newest(byAction, team, teamAction(team, action), page);
    }

    @Override
    public String name() {
        return "activity";
    }

    @Override
    public void wipe(TeamId team) {
        QueryEnhancedRequest keysOnly = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(team.value()).build()))
                .attributesToProject("team_id", "id")
                .build();
        List<Key> batch = new ArrayList<>();
        for (ActivityItem item : table.query(keysOnly).items()) {
            batch.add(Key.builder().partitionValue(item.getTeamId()).sortValue(item.getId()).build());
            if (batch.size() == BATCH_SIZE) {
                delete(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            delete(batch);
        }
    }

    private Page<ActivityEntry> newest(PagedQuery<ActivityItem> index, TeamId team, String partition,
                                       PageRequest page) {
        Expression unexpired = Expression.builder()
                .expression("#expires > :now")
                .putExpressionName("#expires", ActivityItem.EXPIRES_AT)
                .putExpressionValue(":now", AttributeValue.fromN(String.valueOf(clock.instant().getEpochSecond())))
                .build();
        return index.page(team, List.of(PagedQuery.Slice.of(partition)), page, unexpired).map(ActivityItem::entry);
    }

    /** Deletes up to 25 keys, sending again what DynamoDB left unprocessed (throttling), with a growing pause. */
    private void delete(List<Key> keys) {
        List<Key> pending = keys;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_BATCH_ATTEMPTS) {
                throw new IllegalStateException(pending.size() + " activity entries were not deleted after "
                        + MAX_BATCH_ATTEMPTS + " attempts");
            }
            WriteBatch.Builder<ActivityItem> batch = WriteBatch.builder(ActivityItem.class).mappedTableResource(table);
            pending.forEach(batch::addDeleteItem);
            pending = client.batchWriteItem(r -> r.writeBatches(batch.build())).unprocessedDeleteItemsForTable(table);
            if (!pending.isEmpty()) {
                pause(Duration.ofMillis(50L << attempt));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while wiping the activity log", e);
        }
    }

    private static String teamAction(TeamId team, String action) {
        return team.value() + "#" + action;
    }
}
