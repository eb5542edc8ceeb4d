package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.SortKeys;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.ProjectTaskStats;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.model.orchestrator.TaskPage;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Orchestrator tasks in the {@code orchestrator_tasks} table, one item per team and task id.
 * <p>
 * Lists are numbered pages with a total (the API's envelope), which DynamoDB's cursors cannot give. A list reads the
 * keys of every matching task from an index, newest first ({@link TaskItem#BY_PROJECT} for one project, else
 * {@link TaskItem#BY_CREATED}; a status is a filter on either, since it changes as a task runs and would move the
 * item between partitions), counts them, and fetches the whole items of the page asked for alone. A team has thousands
 * of tasks, not millions: a list then reads some hundred KB of projected keys. Past that it needs counters kept
 * beside the tasks. The indexes are eventually consistent, so a task created a moment ago may be missing from a
 * list, from {@link #stats} and from {@link #deleteProject} for that moment. Exists only in functions given the
 * table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.orchestrator-tasks")
public class DynamoTaskStore implements TaskStore {

    private static final String STATUS = "status";
    private static final String FINAL_QUALITY = "final_quality";
    private static final String ACTUAL_COST = "actual_cost";
    private static final String CREATED_KEY = "created_key";
    /** DynamoDB's bound on a partition key's value. */
    private static final int MAX_PARTITION_BYTES = 2048;
    /** What {@code team_project} leaves for the project id beside the longest team id and its {@code #}. */
    private static final int MAX_PROJECT_BYTES = MAX_PARTITION_BYTES - 65;

    private static final Argument<List<TaskIteration>> ITERATIONS = Argument.listOf(TaskIteration.class);

    private final TeamScopedTable<TaskItem> table;
    private final JsonMapper json;

    public DynamoTaskStore(DynamoDbEnhancedClient client, TableNames names, JsonMapper json) {
        this.table = new TeamScopedTable<>(client, names, Tables.ORCHESTRATOR_TASKS, TaskItem::new);
        this.json = json;
    }

    @Override
    public Versioned<OrchestratorTask> create(TeamId team, OrchestratorTask task) {
        TaskItem saved = table.put(team, requireId(task), null, item -> fill(item, team, task));
        return new Versioned<>(task, saved.getVersion());
    }

    @Override
    public Optional<Versioned<OrchestratorTask>> find(TeamId team, String id) {
        return table.get(team, id).map(item -> new Versioned<>(view(item), item.getVersion()));
    }

    @Override
    public Versioned<OrchestratorTask> update(TeamId team, OrchestratorTask task, long expectedVersion) {
        String id = requireId(task);
        try {
            TaskItem saved = table.put(team, id, expectedVersion, item -> fill(item, team, task));
            return new Versioned<>(task, saved.getVersion());
        } catch (ConflictException stale) {
            // the write's condition fails alike for a changed task and for none at all
            if (table.getLatest(team, id).isEmpty()) {
                throw new NotFoundException("Task " + id + " not found");
            }
            throw stale;
        }
    }

    @Override
    public TaskPage list(TeamId team, @Nullable String projectId, @Nullable TaskStatus status, int page,
                         int pageSize) {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("Pages count from 1 and hold at least one task");
        }
        List<TaskItem> matching = projectId == null
                ? table.indexPartition(team, TaskItem.BY_CREATED, team.value(), true, statusIs(status), STATUS)
                : ofProject(team, projectId, true, statusIs(status), STATUS);
        long from = (long) (page - 1) * pageSize;
        if (from >= matching.size()) {
            return new TaskPage(List.of(), matching.size(), page, pageSize);
        }
        List<String> ids = matching.subList((int) from, (int) Math.min(matching.size(), from + pageSize)).stream()
                .map(TaskItem::getId).toList();
        Map<String, TaskItem> items = table.getAll(team, ids).stream()
                .collect(Collectors.toMap(TaskItem::getId, Function.identity()));
        // a task deleted between the two reads is left out of its page rather than shown half-read
        List<OrchestratorTask> shown = ids.stream().map(items::get).filter(Objects::nonNull)
                .map(this::view).toList();
        return new TaskPage(shown, matching.size(), page, pageSize);
    }

    @Override
    public List<OrchestratorTask> createdSince(TeamId team, @Nullable String projectId, Instant from) {
        String first = SortKeys.timeThen(from, "");
        List<TaskItem> keys = projectId == null
                ? table.indexPartition(team, TaskItem.BY_CREATED, team.value(), true, null, CREATED_KEY)
                : ofProject(team, projectId, true, null, CREATED_KEY);
        List<String> ids = keys.stream().filter(k -> k.getCreatedKey().compareTo(first) >= 0)
                .map(TaskItem::getId).toList();
        Map<String, TaskItem> items = table.getAll(team, ids).stream()
                .collect(Collectors.toMap(TaskItem::getId, Function.identity()));
        return ids.stream().map(items::get).filter(Objects::nonNull).map(this::view).toList();
    }

    /** Read from the project's index alone, which projects the three attributes added up. */
    @Override
    public ProjectTaskStats stats(TeamId team, String projectId) {
        List<TaskItem> tasks = ofProject(team, projectId, false, null, STATUS, FINAL_QUALITY, ACTUAL_COST);
        if (tasks.isEmpty()) {
            return ProjectTaskStats.NONE;
        }
        long completed = tasks.stream().filter(t -> TaskStatus.COMPLETED.wireName().equals(t.getStatus())).count();
        double quality = tasks.stream().map(TaskItem::getFinalQuality).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).average().orElse(0);
        double cost = tasks.stream().map(TaskItem::getActualCost).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).sum();
        return new ProjectTaskStats(tasks.size(), completed, quality, cost);
    }

    @Override
    public void deleteProject(TeamId team, String projectId) {
        ofProject(team, projectId, false, null).forEach(item -> table.delete(team, item.getId()));
    }

    @Override
    public String name() {
        return "orchestrator tasks";
    }

    @Override
    public void wipe(TeamId team) {
        table.deleteAll(team);
    }

    /** The project's tasks from its index; none for a project id too long to be a key (so never stored). */
    private List<TaskItem> ofProject(TeamId team, String projectId, boolean newestFirst, @Nullable Expression filter,
                                     String... attributes) {
        String partition = teamProject(team, projectId);
        if (partition.getBytes(StandardCharsets.UTF_8).length > MAX_PARTITION_BYTES) {
            return List.of();
        }
        return table.indexPartition(team, TaskItem.BY_PROJECT, partition, newestFirst, filter, attributes);
    }

    @Nullable
    private static Expression statusIs(@Nullable TaskStatus status) {
        if (status == null) {
            return null;
        }
        // status is a reserved word of DynamoDB's expressions
        return Expression.builder().expression("#status = :status")
                .putExpressionName("#status", STATUS)
                .putExpressionValue(":status", AttributeValue.fromS(status.wireName()))
                .build();
    }

    private static String requireId(OrchestratorTask task) {
        if (task.id() == null || task.id().isBlank() || task.createdAt() == null || task.status() == null
                || task.projectId() == null) {
            throw new IllegalArgumentException("A stored task has an id, a project, a status and a creation time");
        }
        if (task.projectId().getBytes(StandardCharsets.UTF_8).length > MAX_PROJECT_BYTES) {
            throw new IllegalArgumentException("A task's project id is at most " + MAX_PROJECT_BYTES + " bytes");
        }
        return task.id();
    }

    private void fill(TaskItem item, TeamId team, OrchestratorTask task) {
        item.setTeamProject(teamProject(team, task.projectId()));
        item.setCreatedKey(SortKeys.timeThen(task.createdAt(), task.id()));
        item.setProjectId(task.projectId());
        item.setIssueNumber(task.issueNumber());
        item.setTitle(task.title());
        item.setDescription(task.description());
        item.setLabels(task.labels());
        item.setStatus(task.status().wireName());
        item.setAssignedAgent(task.assignedAgent());
        item.setAgentSwitches(task.agentSwitches());
        item.setCurrentIteration(task.currentIteration());
        item.setMaxIterations(task.maxIterations());
        item.setCurrentQuality(task.currentQuality());
        item.setFinalQuality(task.finalQuality());
        item.setTestsPassing(task.testsPassing());
        item.setSecurityIssues(task.securityIssues());
        item.setStartedAt(task.startedAt());
        item.setCompletedAt(task.completedAt());
        item.setDurationSeconds(task.durationSeconds());
        item.setEstimatedCost(task.estimatedCost());
        item.setActualCost(task.actualCost());
        item.setCreatedAt(task.createdAt());
        item.setUpdatedAt(task.updatedAt());
        item.setTaskType(task.taskType());
        item.setFiles(task.files().isEmpty() ? null : task.files());
        item.setWorkspace(task.workspace());
        item.setRequiresSecurity(task.requiresSecurity() ? Boolean.TRUE : null);
        item.setError(task.error());
        item.setRuns(task.runs());
        item.setIterations(task.iterations().isEmpty() ? null : write(task.iterations()));
    }

    private OrchestratorTask view(TaskItem item) {
        return new OrchestratorTask(item.getId(), item.getProjectId(), item.getIssueNumber(), item.getTitle(),
                item.getDescription(), item.getLabels(), TaskStatus.fromWire(item.getStatus()),
                item.getAssignedAgent(), orZero(item.getAgentSwitches()), orZero(item.getCurrentIteration()),
                orZero(item.getMaxIterations()), orZero(item.getCurrentQuality()), item.getFinalQuality(),
                Boolean.TRUE.equals(item.getTestsPassing()), orZero(item.getSecurityIssues()), item.getStartedAt(),
                item.getCompletedAt(), item.getDurationSeconds(), orZero(item.getEstimatedCost()),
                item.getActualCost(), item.getCreatedAt(), item.getUpdatedAt(), item.getTaskType(),
                item.getFiles(), item.getWorkspace(), Boolean.TRUE.equals(item.getRequiresSecurity()),
                item.getError(), orZero(item.getRuns()), read(item.getIterations()));
    }

    private String write(List<TaskIteration> iterations) {
        try {
            return json.writeValueAsString(iterations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<TaskIteration> read(@Nullable String iterations) {
        if (iterations == null) {
            return List.of();
        }
        try {
            return json.readValue(iterations, ITERATIONS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String teamProject(TeamId team, String projectId) {
        return team.value() + "#" + projectId;
    }

    private static int orZero(@Nullable Integer value) {
        return value == null ? 0 : value;
    }

    private static double orZero(@Nullable Double value) {
        return value == null ? 0 : value;
    }
}
