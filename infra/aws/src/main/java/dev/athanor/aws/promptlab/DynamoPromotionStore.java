package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.ProdSnapshot;
import dev.athanor.model.promptlab.Promotion;
import dev.athanor.model.promptlab.PromotionStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.List;
import java.util.Optional;

/**
 * A project's Git state in the {@code prompt_projects} table: promotions {@code promotion#<project>#<promotion id>}
 * (ids start with the creation time, so the prefix reads newest first when reversed), the production file read from
 * Git {@code prodfile#<project>} and the gate {@code gate#<project>}.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.prompt-projects")
public class DynamoPromotionStore implements PromotionStore, TeamData {

    static final String PROMOTION = "promotion#";
    static final String PROD_FILE = "prodfile#";
    static final String GATE = "gate#";

    private final GitStateTable state;

    public DynamoPromotionStore(DynamoDbEnhancedClient client, TableNames names, JsonMapper json) {
        this.state = new GitStateTable(client, names, json);
    }

    @Override
    public void save(TeamId team, Promotion promotion) {
        state.put(team, PROMOTION + GitStateTable.project(promotion.projectId()) + "#" + promotion.id(),
                promotion.projectId(), promotion);
    }

    @Override
    public List<Promotion> list(TeamId team, long projectId, int limit) {
        return state.table.listPrefix(team, PROMOTION + GitStateTable.project(projectId) + "#", true).stream()
                .limit(limit).map(item -> state.read(item, Promotion.class)).toList();
    }

    @Override
    public List<Promotion> listAll(TeamId team) {
        return state.table.listPrefix(team, PROMOTION, true).stream()
                .map(item -> state.read(item, Promotion.class)).toList();
    }

    @Override
    public Optional<ProdSnapshot> snapshot(TeamId team, long projectId) {
        return state.get(team, PROD_FILE + GitStateTable.project(projectId), ProdSnapshot.class);
    }

    @Override
    public void saveSnapshot(TeamId team, long projectId, ProdSnapshot snapshot) {
        state.put(team, PROD_FILE + GitStateTable.project(projectId), projectId, snapshot);
    }

    @Override
    public Optional<Double> gate(TeamId team, long projectId) {
        return state.get(team, GATE + GitStateTable.project(projectId), Gate.class).map(Gate::minOverallScore);
    }

    @Override
    public void saveGate(TeamId team, long projectId, @Nullable Double minOverallScore) {
        if (minOverallScore == null) {
            state.table.delete(team, GATE + GitStateTable.project(projectId));
        } else {
            state.put(team, GATE + GitStateTable.project(projectId), projectId, new Gate(minOverallScore));
        }
    }

    @Override
    public void deleteProject(TeamId team, long projectId) {
        String project = GitStateTable.project(projectId);
        state.table.deleteAllWithPrefix(team, PROMOTION + project + "#");
        state.table.delete(team, PROD_FILE + project);
        state.table.delete(team, GATE + project);
    }

    @Override
    public String name() {
        return "prompt_promotions";
    }

    @Override
    public void wipe(TeamId team) {
        state.table.deleteAllWithPrefix(team, PROMOTION);
        state.table.deleteAllWithPrefix(team, PROD_FILE);
        state.table.deleteAllWithPrefix(team, GATE);
    }

    @io.micronaut.serde.annotation.Serdeable
    record Gate(double minOverallScore) {
    }
}
