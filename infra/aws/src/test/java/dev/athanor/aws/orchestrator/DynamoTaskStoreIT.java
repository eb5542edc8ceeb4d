package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import io.micronaut.json.JsonMapper;
import dev.athanor.model.orchestrator.ProjectTaskStats;
import dev.athanor.model.orchestrator.TaskPage;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.model.orchestrator.TaskStatus.COMPLETED;
import static dev.athanor.model.orchestrator.TaskStatus.FAILED;
import static dev.athanor.model.orchestrator.TaskStatus.IN_PROGRESS;
import static dev.athanor.model.orchestrator.TaskStatus.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orchestrator's task table on DynamoDB Local, as template.yaml declares it: every field kept, optimistic
 * locking, numbered pages with totals newest first under every filter, project stats and deletion, teams apart.
 */
@ExtendWith(LocalStackExtension.class)
class DynamoTaskStoreIT {

    private static final Instant T0 = Instant.parse("2026-03-04T12:00:00Z");

    private DynamoDbClient dynamo;
    private String tableName;
    private DynamoTaskStore store;
    private TeamId team;
    private TeamId other;

    @BeforeEach
    void setUp() {
        tableName = LocalStackExtension.stack().functionEnvironment("OrchestratorFunction")
                .get("ATHANOR_DYNAMODB_TABLES_ORCHESTRATOR_TASKS");
        dynamo = LocalStackExtension.stack().dynamo();
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        store = new DynamoTaskStore(client, OnlyTables.of("orchestrator_tasks", tableName), JsonMapper.createDefault());
        team = TeamId.of("tasks-" + UUID.randomUUID());
        other = TeamId.of("other-" + UUID.randomUUID());
    }

    /** A task of {@code project} created {@code minutes} after T0, in {@code status}. */
    private static OrchestratorTask task(String project, int minutes, TaskStatus status, Double finalQuality,
                                         Double actualCost) {
        Instant created = T0.plusSeconds(60L * minutes);
        return new OrchestratorTask(UUID.randomUUID().toString(), project, 100 + minutes, "Task " + minutes,
                null, List.of(), status, null, 0, 0, 5, 0, finalQuality, false, 0, null, null, null, 1.5,
                actualCost, created, created);
    }

    private static OrchestratorTask task(String project, int minutes, TaskStatus status) {
        return task(project, minutes, status, null, null);
    }

    private OrchestratorTask created(TeamId owner, OrchestratorTask task) {
        store.create(owner, task);
        return task;
    }

    private static List<String> ids(TaskPage page) {
        return page.items().stream().map(OrchestratorTask::id).toList();
    }

    private static List<String> ids(OrchestratorTask... tasks) {
        return List.of(tasks).stream().map(OrchestratorTask::id).toList();
    }

    @Test
    void a_created_task_is_found_with_every_field_and_its_first_version() {
        OrchestratorTask full = new OrchestratorTask(UUID.randomUUID().toString(), "project-1", 123,
                "Fix bug in authentication", "The login loops", List.of("bug", "security"), IN_PROGRESS, "claude", 1,
                2, 5, 0.75, 0.9, true, 3, T0.plusSeconds(5), T0.plusSeconds(65), 60.5, 2.5, 1.25, T0,
                T0.plusSeconds(7));

        Versioned<OrchestratorTask> created = store.create(team, full);
        Versioned<OrchestratorTask> found = store.find(team, full.id()).orElseThrow();

        assertEquals(full, found.value());
        assertEquals(created.version(), found.version());
        assertEquals(1, found.version());
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(Map.of("team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS(full.id()))))
                .item();
        assertEquals("in_progress", item.get("status").s());
        assertEquals(team.value() + "#project-1", item.get("team_project").s());
    }

    @Test
    void a_task_keeps_its_request_error_runs_and_iterations() {
        OrchestratorTask.Builder b = task("p", 0, FAILED).change();
        b.taskType = "security";
        b.files = List.of("src/**/*.py");
        b.workspace = "./project";
        b.requiresSecurity = true;
        b.error = "Cancelled by alice";
        b.runs = 2;
        b.iterations.add(new TaskIteration(1, 1, "claude", "claude_main", "claude-sonnet", 0.5, false, 2,
                "Two injections remain", 1200, 0.0123, 4.5, null, T0.plusSeconds(30)));
        b.iterations.add(new TaskIteration(2, 1, "gemini", null, "sandbox", null, false, 0, null, 80, 0, 0.1,
                "switched from claude: its circuit is open", T0.plusSeconds(90)));
        OrchestratorTask full = b.build();

        store.create(team, full);

        assertEquals(full, store.find(team, full.id()).orElseThrow().value());
        assertEquals(List.of(full.iterations().get(1)), full.iterationsOf(2));
    }

    @Test
    void tasks_created_since_a_time_are_read_whole_newest_first_per_team_and_project() {
        OrchestratorTask old = created(team, task("p", 0, COMPLETED, 0.9, 1.0));
        OrchestratorTask recent = created(team, task("p", 10, COMPLETED, 0.8, 2.0));
        OrchestratorTask newest = created(team, task("q", 20, FAILED));
        created(other, task("p", 30, PENDING));

        assertEquals(ids(newest, recent), store.createdSince(team, null, T0.plusSeconds(600)).stream()
                .map(OrchestratorTask::id).toList());
        assertEquals(List.of(recent), store.createdSince(team, "p", T0.plusSeconds(600)));
        assertEquals(ids(newest, recent, old), store.createdSince(team, null, T0).stream()
                .map(OrchestratorTask::id).toList());
        assertEquals(List.of(), store.createdSince(team, null, T0.plusSeconds(3600)));
    }

    @Test
    void a_task_with_no_optional_fields_reads_back_with_nulls_and_an_empty_label_list() {
        OrchestratorTask bare = task("p", 0, PENDING);

        store.create(team, bare);

        OrchestratorTask found = store.find(team, bare.id()).orElseThrow().value();
        assertEquals(bare, found);
        assertEquals(List.of(), found.labels());
        assertEquals(null, found.finalQuality());
        assertEquals(null, found.startedAt());
    }

    @Test
    void creating_an_existing_id_is_a_conflict_and_leaves_the_stored_task() {
        OrchestratorTask first = created(team, task("p", 0, PENDING));
        OrchestratorTask same = new OrchestratorTask(first.id(), "p", 1, "Another title", null, List.of(), FAILED,
                null, 0, 0, 5, 0, null, false, 0, null, null, null, 0, null, T0, T0);

        assertThrows(ConflictException.class, () -> store.create(team, same));
        assertEquals(first, store.find(team, first.id()).orElseThrow().value());
    }

    @Test
    void an_update_with_the_version_read_bumps_it_and_one_with_a_stale_version_is_a_conflict() {
        OrchestratorTask task = created(team, task("p", 0, PENDING));
        OrchestratorTask running = new OrchestratorTask(task.id(), "p", task.issueNumber(), task.title(), null,
                List.of("bug"), IN_PROGRESS, "gemini", 0, 1, 5, 0.4, null, false, 0, T0.plusSeconds(1), null, null,
                1.5, null, task.createdAt(), T0.plusSeconds(1));
        OrchestratorTask failed = new OrchestratorTask(task.id(), "p", task.issueNumber(), task.title(), null,
                List.of(), FAILED, null, 0, 0, 5, 0, null, false, 0, null, null, null, 1.5, null, task.createdAt(),
                T0.plusSeconds(2));

        Versioned<OrchestratorTask> updated = store.update(team, running, 1);

        assertEquals(2, updated.version());
        assertThrows(ConflictException.class, () -> store.update(team, failed, 1));
        Versioned<OrchestratorTask> stored = store.find(team, task.id()).orElseThrow();
        assertEquals(running, stored.value(), "the stale write changed nothing");
        assertEquals(2, stored.version());
    }

    @Test
    void an_update_clears_fields_that_became_null() {
        OrchestratorTask done = created(team, task("p", 0, COMPLETED, 0.9, 3.0));
        OrchestratorTask retried = new OrchestratorTask(done.id(), "p", done.issueNumber(), done.title(), null,
                List.of(), PENDING, null, 0, 0, 5, 0, null, false, 0, null, null, null, 1.5, null, done.createdAt(),
                T0.plusSeconds(9));

        store.update(team, retried, 1);

        OrchestratorTask found = store.find(team, done.id()).orElseThrow().value();
        assertEquals(null, found.finalQuality());
        assertEquals(null, found.actualCost());
        assertEquals(PENDING, found.status());
    }

    @Test
    void updating_a_task_that_does_not_exist_is_not_found() {
        OrchestratorTask missing = task("p", 0, PENDING);

        assertThrows(NotFoundException.class, () -> store.update(team, missing, 1));
        assertTrue(store.find(team, missing.id()).isEmpty(), "nothing was written");
    }

    @Test
    void lists_are_newest_first_under_every_combination_of_filters() {
        OrchestratorTask a1 = created(team, task("a", 1, PENDING));
        OrchestratorTask b2 = created(team, task("b", 2, COMPLETED));
        OrchestratorTask a3 = created(team, task("a", 3, COMPLETED));
        OrchestratorTask a4 = created(team, task("a", 4, PENDING));
        OrchestratorTask b5 = created(team, task("b", 5, PENDING));

        assertEquals(ids(b5, a4, a3, b2, a1), ids(store.list(team, null, null, 1, 20)));
        assertEquals(ids(a4, a3, a1), ids(store.list(team, "a", null, 1, 20)));
        assertEquals(ids(b5, a4, a1), ids(store.list(team, null, PENDING, 1, 20)));
        assertEquals(ids(a3), ids(store.list(team, "a", COMPLETED, 1, 20)));
        assertEquals(ids(b2), ids(store.list(team, "b", COMPLETED, 1, 20)));
        assertEquals(List.of(), ids(store.list(team, null, FAILED, 1, 20)));
        assertEquals(List.of(), ids(store.list(team, "unknown", null, 1, 20)));
        assertEquals(3, store.list(team, null, PENDING, 1, 20).total());
        assertEquals(0, store.list(team, "unknown", null, 1, 20).total());
    }

    @Test
    void numbered_pages_slice_the_matching_tasks_and_carry_the_total() {
        OrchestratorTask[] tasks = new OrchestratorTask[7];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = created(team, task(i % 2 == 0 ? "a" : "b", i, PENDING));
        }
        created(team, task("a", 10, FAILED));

        TaskPage first = store.list(team, null, PENDING, 1, 3);
        TaskPage second = store.list(team, null, PENDING, 2, 3);
        TaskPage last = store.list(team, null, PENDING, 3, 3);
        TaskPage beyond = store.list(team, null, PENDING, 4, 3);
        TaskPage projectPage = store.list(team, "a", PENDING, 2, 3);

        assertEquals(ids(tasks[6], tasks[5], tasks[4]), ids(first));
        assertEquals(ids(tasks[3], tasks[2], tasks[1]), ids(second));
        assertEquals(ids(tasks[0]), ids(last));
        assertEquals(List.of(), ids(beyond));
        for (TaskPage page : List.of(first, second, last, beyond)) {
            assertEquals(7, page.total());
            assertEquals(3, page.pageSize());
            assertEquals(3, page.totalPages());
        }
        assertEquals(2, second.page());
        assertEquals(4, beyond.page());
        assertEquals(ids(tasks[0]), ids(projectPage), "project a's pending: 6, 4, 2 then 0");
        assertEquals(4, projectPage.total());
        assertEquals(tasks[5], first.items().get(1), "listed tasks carry every field");
    }

    @Test
    void a_page_far_beyond_the_last_is_empty_with_the_total() {
        created(team, task("a", 0, PENDING));

        TaskPage page = store.list(team, null, null, Integer.MAX_VALUE, 100);

        assertEquals(List.of(), page.items());
        assertEquals(1, page.total());
    }

    @Test
    void a_page_of_a_hundred_fetches_every_task_of_it() {
        for (int i = 0; i < 105; i++) {
            created(team, task("a", i, PENDING));
        }

        TaskPage first = store.list(team, "a", null, 1, 100);
        TaskPage second = store.list(team, "a", null, 2, 100);

        assertEquals(100, first.items().size());
        assertEquals("Task 104", first.items().get(0).title());
        assertEquals("Task 5", first.items().get(99).title());
        assertEquals(List.of("Task 4", "Task 3", "Task 2", "Task 1", "Task 0"),
                second.items().stream().map(OrchestratorTask::title).toList());
        assertEquals(105, second.total());
        assertEquals(2, second.totalPages());
    }

    @Test
    void stats_add_up_the_projects_tasks() {
        created(team, task("a", 0, COMPLETED, 0.9, 2.0));
        created(team, task("a", 1, COMPLETED, 0.7, 1.5));
        created(team, task("a", 2, FAILED, null, 0.25));
        created(team, task("a", 3, IN_PROGRESS));
        created(team, task("b", 4, COMPLETED, 0.1, 10.0));

        ProjectTaskStats stats = store.stats(team, "a");

        assertEquals(4, stats.totalTasks());
        assertEquals(2, stats.successfulTasks());
        assertEquals(0.8, stats.avgQuality(), 1e-9, "the average of the tasks that have a final quality");
        assertEquals(3.75, stats.totalCost(), 1e-9);
        assertEquals(ProjectTaskStats.NONE, store.stats(team, "unknown"));
    }

    @Test
    void stats_of_tasks_without_a_final_quality_average_to_zero() {
        created(team, task("a", 0, PENDING));
        created(team, task("a", 1, FAILED));

        assertEquals(new ProjectTaskStats(2, 0, 0, 0), store.stats(team, "a"));
    }

    @Test
    void deleting_a_project_removes_its_tasks_alone() {
        OrchestratorTask a0 = created(team, task("a", 0, PENDING));
        OrchestratorTask a1 = created(team, task("a", 1, COMPLETED, 0.9, 1.0));
        OrchestratorTask b2 = created(team, task("b", 2, PENDING));
        OrchestratorTask elsewhere = created(other, task("a", 3, PENDING));

        store.deleteProject(team, "a");

        assertTrue(store.find(team, a0.id()).isEmpty());
        assertTrue(store.find(team, a1.id()).isEmpty());
        assertEquals(ids(b2), ids(store.list(team, null, null, 1, 20)));
        assertEquals(ProjectTaskStats.NONE, store.stats(team, "a"));
        assertEquals(elsewhere, store.find(other, elsewhere.id()).orElseThrow().value(),
                "another team's project of that id stays");
    }

    @Test
    void another_team_sees_and_changes_nothing_of_a_teams_tasks() {
        OrchestratorTask mine = created(team, task("a", 0, COMPLETED, 0.9, 1.0));

        assertTrue(store.find(other, mine.id()).isEmpty());
        assertEquals(0, store.list(other, null, null, 1, 20).total());
        assertEquals(0, store.list(other, "a", null, 1, 20).total());
        assertEquals(ProjectTaskStats.NONE, store.stats(other, "a"));
        assertThrows(NotFoundException.class, () -> store.update(other, mine, 1));
        store.deleteProject(other, "a");
        store.wipe(other);
        assertEquals(mine, store.find(team, mine.id()).orElseThrow().value());
        assertEquals(1, store.find(team, mine.id()).orElseThrow().version());
    }

    @Test
    void a_wipe_removes_every_task_of_the_team() {
        created(team, task("a", 0, PENDING));
        created(team, task("b", 1, PENDING));

        store.wipe(team);

        assertEquals(0, store.list(team, null, null, 1, 20).total());
        assertEquals(ProjectTaskStats.NONE, store.stats(team, "b"));
    }

    @Test
    void a_project_id_too_long_to_be_a_key_matches_nothing() {
        created(team, task("a", 0, PENDING));
        String huge = "p".repeat(3000);

        assertEquals(0, store.list(team, huge, null, 1, 20).total());
        assertEquals(ProjectTaskStats.NONE, store.stats(team, huge));
        store.deleteProject(team, huge);
        assertEquals(1, store.list(team, null, null, 1, 20).total());
    }
}
