package dev.athanor.aws.pipeline;

import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.SortKeys;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.Checkpoint;
import dev.athanor.model.pipeline.CheckpointStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Approval checkpoints in the {@code checkpoints} table, keyed by team and checkpoint id, and listed newest first per
 * status from the {@code by_status} index (every status at once by merging the statuses' pages).
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.checkpoints")
public class DynamoCheckpointStore implements CheckpointStore, TeamData {

    private final TeamScopedTable<CheckpointItem> table;
    private final PagedQuery<CheckpointItem> byStatus;

    public DynamoCheckpointStore(DynamoDbEnhancedClient client, TableNames names) {
        this.table = new TeamScopedTable<>(client, names, Tables.CHECKPOINTS, CheckpointItem::new);
        this.byStatus = table.pages(CheckpointItem.BY_STATUS).newestFirst();
    }

    @Override
    public Checkpoint open(TeamId team, Checkpoint checkpoint) {
        try {
            return fromItem(table.put(team, checkpoint.id(), null, item -> fill(item, team, checkpoint)));
        } catch (ConflictException alreadyOpen) {
            return find(team, checkpoint.id()).orElseThrow(() -> alreadyOpen);
        }
    }

    @Override
    public Optional<Checkpoint> find(TeamId team, String id) {
        return table.get(team, id).map(CheckpointItem.class::cast).map(DynamoCheckpointStore::fromItem);
    }

    @Override
    public Checkpoint save(TeamId team, Checkpoint checkpoint) {
        return fromItem(table.put(team, checkpoint.id(), checkpoint.version(), item -> fill(item, team, checkpoint)));
    }

    @Override
    public Page<Checkpoint> list(TeamId team, @Nullable String status, PageRequest page) {
        List<PagedQuery.Slice> slices = (status == null ? Checkpoint.STATUSES : List.of(status)).stream()
                .map(s -> PagedQuery.Slice.of(teamStatus(team, s))).toList();
        return byStatus.page(team, slices, page, null).map(DynamoCheckpointStore::fromItem);
    }

    @Override
    public long count(TeamId team, String status) {
        return byStatus.count(PagedQuery.Slice.of(teamStatus(team, status)));
    }

    @Override
    public void deleteFor(TeamId team, String execution) {
        table.list(team).stream().filter(item -> execution.equals(item.getExecution()))
                .forEach(item -> table.delete(team, item.getId()));
    }

    @Override
    public String name() {
        return "checkpoints";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }

    private static void fill(CheckpointItem item, TeamId team, Checkpoint c) {
        item.setTeamStatus(teamStatus(team, c.status()));
        item.setCreatedKey(SortKeys.timeThen(c.createdAt(), c.id()));
        item.setExecution(c.execution());
        item.setPipeline(c.pipeline());
        item.setSubject(c.subject());
        item.setState(c.state());
        item.setToken(c.token());
        item.setAction(c.action());
        item.setStatus(c.status());
        item.setCreatedAt(c.createdAt().toString());
        item.setDecidedAt(c.decidedAt() == null ? null : c.decidedAt().toString());
        item.setDecidedBy(c.decidedBy());
        item.setReason(c.reason());
    }

    private static String teamStatus(TeamId team, String status) {
        return team.value() + "#" + status;
    }

    private static Checkpoint fromItem(CheckpointItem item) {
        return new Checkpoint(item.getId(), item.getExecution(), item.getPipeline(), item.getSubject(), item.getState(),
                item.getToken(), item.getAction(), item.getStatus(), Instant.parse(item.getCreatedAt()),
                item.getDecidedAt() == null ? null : Instant.parse(item.getDecidedAt()), item.getDecidedBy(),
                item.getReason(), item.getVersion());
    }
}
