package dev.athanor.aws.hitl;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.hitl.Experience;
import dev.athanor.model.hitl.ExperienceStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Proposed lessons in the {@code experiences} table, keyed by team and lesson id. */
@Singleton
@Requires(property = "athanor.dynamodb.tables.experiences")
public class DynamoExperienceStore implements ExperienceStore, TeamData {

    private final TeamScopedTable<ExperienceItem> table;

    public DynamoExperienceStore(DynamoDbEnhancedClient client, TableNames names) {
        this.table = new TeamScopedTable<>(client, names, Tables.EXPERIENCES, ExperienceItem::new);
    }

    @Override
    public Experience open(TeamId team, Experience experience) {
        try {
            return fromItem(table.put(team, experience.id(), null, item -> fill(item, experience)));
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
        return fromItem(table.put(team, experience.id(), experience.version(), item -> fill(item, experience)));
    }

    @Override
    public List<Experience> list(TeamId team) {
        return table.list(team).stream().map(DynamoExperienceStore::fromItem)
                .sorted(Comparator.comparing(Experience::createdAt).reversed()).toList();
    }

    @Override
    public String name() {
        return "experiences";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }

    private static void fill(ExperienceItem item, Experience e) {
        item.setSource(e.source());
        item.setAgent(e.agent());
        item.setContent(e.content());
        item.setStatus(e.status());
        item.setCreatedAt(e.createdAt().toString());
        item.setDecidedAt(e.decidedAt() == null ? null : e.decidedAt().toString());
        item.setDecidedBy(e.decidedBy());
        item.setReason(e.reason());
    }

    private static Experience fromItem(ExperienceItem item) {
        return new Experience(item.getId(), item.getSource(), item.getAgent(), item.getContent(), item.getStatus(),
                Instant.parse(item.getCreatedAt()), item.getDecidedAt() == null ? null : Instant.parse(item.getDecidedAt()),
                item.getDecidedBy(), item.getReason(), item.getVersion());
    }
}
