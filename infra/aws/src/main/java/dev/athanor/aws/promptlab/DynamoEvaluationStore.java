package dev.athanor.aws.promptlab;

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
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.EvaluationStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Prompt-lab evaluations in the {@code prompt_evaluations} table, one item per team, project and evaluation, listed
 * newest first per project from the {@code by_created} index. Exists only in functions given the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.prompt-evaluations")
public class DynamoEvaluationStore implements EvaluationStore, TeamData {

    private static final int MAX_SAVE_TRIES = 5;

    private final TeamScopedTable<EvaluationItem> table;
    private final PagedQuery<EvaluationItem> byCreated;
    private final JsonMapper json;

    public DynamoEvaluationStore(DynamoDbEnhancedClient client, TableNames names, JsonMapper json) {
        this.table = new TeamScopedTable<>(client, names, Tables.PROMPT_EVALUATIONS, EvaluationItem::new);
        this.byCreated = table.pages(EvaluationItem.BY_CREATED).newestFirst();
        this.json = json;
    }

    @Override
    public Evaluation create(TeamId team, Evaluation evaluation) {
        table.put(team, key(evaluation.projectId(), evaluation.id()), null, item -> fill(item, team, evaluation));
        return evaluation;
    }

    @Override
    public Optional<Evaluation> find(TeamId team, long projectId, String id) {
        return table.get(team, key(projectId, id)).map(this::view);
    }

    @Override
    public Page<Evaluation> list(TeamId team, long projectId, PageRequest page) {
        return byCreated.page(team, PagedQuery.Slice.of(teamProject(team, projectId)), page).map(this::view);
    }

    @Override
    public List<String> ids(TeamId team, long projectId) {
        return table.idsWithPrefix(team, projectId + "#").stream().map(id -> id.substring(id.indexOf('#') + 1))
                .toList();
    }

    @Override
    public Evaluation save(TeamId team, Evaluation evaluation) {
        String key = key(evaluation.projectId(), evaluation.id());
        for (int attempt = 1; ; attempt++) {
            Long version = table.getLatest(team, key).map(EvaluationItem::getVersion).orElse(null);
            try {
                table.put(team, key, version, item -> fill(item, team, evaluation));
                return evaluation;
            } catch (ConflictException raced) {
                if (attempt >= MAX_SAVE_TRIES) {
                    throw raced;
                }
            }
        }
    }

    @Override
    public void deleteProject(TeamId team, long projectId) {
        table.deleteAllWithPrefix(team, projectId + "#");
    }

    @Override
    public String name() {
        return "prompt evaluations";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }

    private void fill(EvaluationItem item, TeamId team, Evaluation evaluation) {
        item.setTeamProject(teamProject(team, evaluation.projectId()));
        item.setCreatedKey(SortKeys.timeThen(evaluation.createdAt(), evaluation.id()));
        item.setProjectId(evaluation.projectId());
        item.setStatus(evaluation.status());
        item.setCreatedAt(evaluation.createdAt());
        try {
            item.setBody(json.writeValueAsString(evaluation.withSamples(null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Evaluation view(EvaluationItem item) {
        try {
            return json.readValue(item.getBody(), Evaluation.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable evaluation " + item.getId(), e);
        }
    }

    private static String teamProject(TeamId team, long projectId) {
        return team.value() + "#" + projectId;
    }

    private static String key(long projectId, String id) {
        return projectId + "#" + id;
    }
}
