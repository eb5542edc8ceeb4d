package dev.athanor.aws.hitl;

import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.SortKeys;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.hitl.Experience;
import dev.athanor.model.hitl.ExperienceStore;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Proposed lessons in the {@code experiences} table, keyed by team and lesson id, and listed newest first per status
 * from the {@code by_status} index (every status at once by merging the statuses' pages).
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.experiences")
public class DynamoExperienceStore implements ExperienceStore, TeamData {

    private final TeamScopedTable<ExperienceItem> table;
    private final PagedQuery<ExperienceItem> byStatus;

    public DynamoExperienceStore(DynamoDbEnhancedClient client, TableNames names) {
        this.table = new TeamScopedTable<>(client, names, Tables.EXPERIENCES, ExperienceItem::new);
        this.byStatus = table.pages(ExperienceItem.BY_STATUS).newestFirst();
    }

    @Override
    public Experience open(TeamId team, Experience experience) {
        try {
            return fromItem(table.put(team, experience.id(), null, item -> fill(item, team, experience)));
        } catch (ConflictException alreadyProposed) {
            return find(team, experience.id()).orElseThrow(() -> alreadyProposed);
        }
    }

    @Override
    public Optional<Experience> find(TeamId team, String id) {
        return table.get(team, id).map(DynamoExperienceStore::fromItem);
    }

    @Override
    public Experience save(TeamId team, Experience experience) {
        return fromItem(table.put(team, experience.id(), experience.version(), item -> fill(item, team, experience)));
    }

    @Override
    public Page<Experience> list(TeamId team, @Nullable String status, PageRequest page) {
        List<PagedQuery.Slice> slices = (status == null ? Experience.STATUSES : List.of(status)).stream()
                .map(s -> PagedQuery.Slice.of(teamStatus(team, s))).toList();
        return byStatus.page(team, slices, page, null).map(DynamoExperienceStore::fromItem);
    }

    @Override
    public long count(TeamId team, String status) {
        return byStatus.count(PagedQuery.Slice.of(teamStatus(team, status)));
    }

    @Override
    public String name() {
        return "experiences";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }

    private static void fill(ExperienceItem item, TeamId team, Experience e) {
        item.setTeamStatus(teamStatus(team, e.status()));
        item.setCreatedKey(SortKeys.timeThen(e.createdAt(), e.id()));
        item.setSource(e.source());
        item.setAgent(e.agent());
        item.setContent(e.content());
        item.setStatus(e.status());
        item.setCreatedAt(e.createdAt().toString());
        item.setDecidedAt(e.decidedAt() == null ? null : e.decidedAt().toString());
        item.setDecidedBy(e.decidedBy());
        item.setReason(e.reason());
    }

    private static String teamStatus(TeamId team, String status) {
        return team.value() + "#" + status;
    }

    private static Experience fromItem(ExperienceItem item) {
        return new Experience(item.getId(), item.getSource(), item.getAgent(), item.getContent(), item.getStatus(),
                Instant.parse(item.getCreatedAt()), item.getDecidedAt() == null ? null : Instant.parse(item.getDecidedAt()),
                item.getDecidedBy(), item.getReason(), item.getVersion());
    }
}
