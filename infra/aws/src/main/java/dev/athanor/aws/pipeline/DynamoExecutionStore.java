package dev.athanor.aws.pipeline;

import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.SortKeys;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.Command;
import dev.athanor.model.pipeline.Execution;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.ExecutionStore;
import dev.athanor.model.pipeline.ExecutionSummary;
import dev.athanor.model.pipeline.StoredExecution;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executions in the {@code executions} table, one item each: the execution and its outbox as JSON documents, written
 * conditionally on the item's version, so two workers (or a worker and a cancel) never both win.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.executions")
public class DynamoExecutionStore implements ExecutionStore, TeamData {

    private static final Argument<List<Command>> COMMANDS = Argument.listOf(Command.class);

    private final TeamScopedTable<ExecutionItem> table;
    private final DynamoDbIndex<ExecutionItem> byDue;
    private final PagedQuery<ExecutionItem> byCreated;
    private final JsonMapper json;

    public DynamoExecutionStore(DynamoDbEnhancedClient client, TableNames names, JsonMapper json) {
        this.table = new TeamScopedTable<>(client, names, Tables.EXECUTIONS, ExecutionItem::new);
        this.byDue = client.table(names.require(Tables.EXECUTIONS), Tables.EXECUTIONS.schema())
                .index(ExecutionItem.BY_DUE);
        this.byCreated = table.pages(ExecutionItem.BY_CREATED).newestFirst().projecting(ExecutionItem.SUMMARY);
        this.json = json;
    }

    @Override
    public Optional<StoredExecution> find(TeamId team, String id) {
        return table.getLatest(team, id).map(this::fromItem); // strongly consistent: the current step decides
    }

    /**
     * Projects the summary alone, so the execution is neither transferred nor parsed (DynamoDB still counts the read
     * at the item's size: a read of the base table is charged for the whole item).
     */
    @Override
    public Optional<ExecutionSummary> findSummary(TeamId team, String id) {
        return table.getProjected(team, id, ExecutionItem.SUMMARY).filter(item -> item.getSummary() != null)
                .map(this::summary);
    }

    @Override
    public Page<ExecutionSummary> summaries(TeamId team, String pipeline, PageRequest page) {
        return byCreated.page(team, PagedQuery.Slice.of(teamPipeline(team, pipeline)), page).map(this::summary);
    }

    @Override
    public StoredExecution create(TeamId team, StoredExecution execution) {
        return fromItem(table.put(team, execution.execution().id(), null, item -> fill(item, team, execution)));
    }

    @Override
    public StoredExecution save(TeamId team, StoredExecution execution) {
        return fromItem(table.put(team, execution.execution().id(), execution.version(),
                item -> fill(item, team, execution)));
    }

    @Override
    public boolean delete(TeamId team, String id) {
        return table.delete(team, id);
    }

    /**
     * The one read across teams: the sweeper's, of keys only, from the sparse index of due executions, whose
     * partitions are the pipelines (each surface's worker sweeps its own).
     */
    @Override
    public List<Key> due(String pipeline, Instant now, int limit) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortLessThanOrEqualTo(software.amazon.awssdk.enhanced.dynamodb.Key
                        .builder().partitionValue(pipeline).sortValue(SortKeys.time(now)).build()))
                .limit(limit)
                .build();
        return byDue.query(request).stream().flatMap(page -> page.items().stream()).limit(limit)
                .map(item -> new Key(TeamId.of(item.getTeamId()), item.getId())).toList();
    }

    @Override
    public String name() {
        return "executions";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }

    private void fill(ExecutionItem item, TeamId team, StoredExecution stored) {
        item.setPipeline(stored.execution().pipeline());
        item.setStatus(stored.execution().status().name().toLowerCase(java.util.Locale.ROOT));
        item.setExecution(write(stored.execution()));
        item.setOutbox(write(stored.outbox()));
        item.setOutboxToken(stored.outboxToken());
        item.setLeaseUntil(stored.leaseUntil() == null ? null : stored.leaseUntil().toString());
        item.setCreatedAt(stored.createdAt().toString());
        item.setUpdatedAt(stored.updatedAt().toString());
        item.setDueShard(stored.dueAt() == null ? null : stored.execution().pipeline());
        item.setDueAt(stored.dueAt() == null ? null : SortKeys.time(stored.dueAt()));
        item.setTeamPipeline(teamPipeline(team, stored.execution().pipeline()));
        item.setCreatedKey(SortKeys.timeThen(stored.createdAt(), stored.execution().id()));
        item.setSummary(write(ExecutionSummary.of(stored)));
    }

    private StoredExecution fromItem(ExecutionItem item) {
        try {
            Execution execution = json.readValue(item.getExecution(), Execution.class);
            List<Command> outbox = item.getOutbox() == null ? List.of() : json.readValue(item.getOutbox(), COMMANDS);
            Map<String, String> labels = item.getSummary() == null ? Map.of() : summary(item).labels();
            return new StoredExecution(item.getTeamId(), execution, outbox, item.getOutboxToken(),
                    item.getLeaseUntil() == null ? null : Instant.parse(item.getLeaseUntil()),
                    Instant.parse(item.getCreatedAt()), Instant.parse(item.getUpdatedAt()), item.getVersion(),
                    item.getDueAt() == null ? null : Instant.parse(item.getDueAt()), labels);
        } catch (IOException e) {
            throw new UncheckedIOException("Execution " + item.getId() + " is not readable", e);
        }
    }

    private ExecutionSummary summary(ExecutionItem item) {
        try {
            return json.readValue(item.getSummary(), ExecutionSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("The summary of execution " + item.getId() + " is not readable", e);
        }
    }

    private static String teamPipeline(TeamId team, String pipeline) {
        return team.value() + "#" + pipeline;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
