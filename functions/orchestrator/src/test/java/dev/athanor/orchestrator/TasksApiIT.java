package dev.athanor.orchestrator;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.testkit.ApiGatewayEvents;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.model.orchestrator.TaskStatus.COMPLETED;
import static dev.athanor.model.orchestrator.TaskStatus.FAILED;
import static dev.athanor.model.orchestrator.TaskStatus.IN_PROGRESS;
import static dev.athanor.model.orchestrator.TaskStatus.PENDING;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task read routes through the orchestrator's Lambda handler: the paginated envelope, every field of the Task
 * model, filters, bounds (422 naming the parameter) and 404 for unknown, malformed and other teams' ids. Tasks are
 * stored through the context's {@link TaskStore}, as the execution engine will store them.
 */
@ExtendWith(LocalStackExtension.class)
class TasksApiIT {

    private static final Instant T0 = Instant.parse("2026-03-04T12:00:00Z");
    private static final List<String> TASK_FIELDS = List.of("id", "project_id", "issue_number", "title",
            "description", "labels", "status", "assigned_agent", "agent_switches", "current_iteration",
            "max_iterations", "current_quality", "final_quality", "tests_passing", "security_issues", "started_at",
            "completed_at", "duration_seconds", "estimated_cost", "actual_cost", "created_at", "updated_at",
            "task_type", "error", "runs");

    private static LambdaHttp http;
    private static TaskStore store;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("OrchestratorFunction");
        store = http.context().getBean(TaskStore.class);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private record Caller(TeamId team, String bearer) {
    }

    private static Caller newCaller() {
        TeamId team = TeamId.of("orch-" + UUID.randomUUID());
        return new Caller(team, http.context().getBean(TokenIssuer.class).issue(team, Roles.MEMBER).token());
    }

    private static LambdaHttp.Response get(Caller caller, String path, Map<String, String> query) {
        ApiGatewayEvents event = request("GET", path).bearer(caller.bearer());
        query.forEach(event::query);
        return http.send(event);
    }

    /** A pending task of {@code project}, created {@code minutes} after T0, stored for the caller's team. */
    private static OrchestratorTask stored(Caller caller, String project, int minutes, TaskStatus status) {
        Instant created = T0.plusSeconds(60L * minutes);
        OrchestratorTask task = new OrchestratorTask(UUID.randomUUID().toString(), project, minutes, "Task " + minutes,
                null, List.of(), status, null, 0, 0, 5, 0, null, false, 0, null, null, null, 1.0, null, created,
                created);
        store.create(caller.team(), task);
        return task;
    }

    private static List<String> ids(LambdaHttp.Response response) {
        return ((List<?>) response.get("items")).stream().map(item -> (String) ((Map<?, ?>) item).get("id"))
                .toList();
    }

    private static List<String> ids(OrchestratorTask... tasks) {
        return List.of(tasks).stream().map(OrchestratorTask::id).toList();
    }

    private static void assertUnprocessable(LambdaHttp.Response response, String... named) {
        assertEquals(422, response.status(), response.body());
        assertEquals(List.of("detail"), List.copyOf(response.map().keySet()), response.body());
        for (String name : named) {
            assertTrue(((String) response.get("detail")).contains(name), response.body());
        }
    }

    @Test
    void a_task_is_read_with_every_field_of_the_task_model() {
        Caller caller = newCaller();
        OrchestratorTask task = new OrchestratorTask(UUID.randomUUID().toString(), "project-1", 123,
                "Fix bug in authentication", "The login loops", List.of("bug", "security"), IN_PROGRESS, "claude", 1,
                2, 5, 0.75, null, false, 0, T0, null, null, 2.5, null, T0, T0.plusSeconds(30));
        store.create(caller.team(), task);

        var read = get(caller, "/api/tasks/" + task.id(), Map.of());

        assertEquals(200, read.status(), read.body());
        assertEquals(TASK_FIELDS, List.copyOf(read.map().keySet()));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", task.id());
        expected.put("project_id", "project-1");
        expected.put("issue_number", 123);
        expected.put("title", "Fix bug in authentication");
        expected.put("description", "The login loops");
        expected.put("labels", List.of("bug", "security"));
        expected.put("status", "in_progress");
        expected.put("assigned_agent", "claude");
        expected.put("agent_switches", 1);
        expected.put("current_iteration", 2);
        expected.put("max_iterations", 5);
        expected.put("current_quality", 0.75);
        expected.put("final_quality", null);
        expected.put("tests_passing", false);
        expected.put("security_issues", 0);
        expected.put("started_at", "2026-03-04T12:00:00Z");
        expected.put("completed_at", null);
        expected.put("duration_seconds", null);
        expected.put("estimated_cost", 2.5);
        expected.put("actual_cost", null);
        expected.put("created_at", "2026-03-04T12:00:00Z");
        expected.put("updated_at", "2026-03-04T12:00:30Z");
        expected.put("task_type", null);
        expected.put("error", null);
        expected.put("runs", 1);
        assertEquals(expected, read.map());
    }

    @Test
    void the_list_is_the_paginated_envelope_newest_first_with_defaults() {
        Caller caller = newCaller();
        OrchestratorTask older = stored(caller, "a", 0, PENDING);
        OrchestratorTask newer = stored(caller, "b", 1, COMPLETED);

        var listed = get(caller, "/api/tasks", Map.of());
        var single = get(caller, "/api/tasks/" + newer.id(), Map.of());

        assertEquals(200, listed.status(), listed.body());
        assertEquals(List.of("items", "total", "page", "page_size", "total_pages"),
                List.copyOf(listed.map().keySet()));
        assertEquals(ids(newer, older), ids(listed));
        assertEquals(2, listed.get("total"));
        assertEquals(1, listed.get("page"));
        assertEquals(20, listed.get("page_size"));
        assertEquals(1, listed.get("total_pages"));
        assertEquals(single.map(), ((List<?>) listed.get("items")).get(0), "a listed task carries every field");
    }

    @Test
    void filters_by_project_and_status_combine() {
        Caller caller = newCaller();
        OrchestratorTask a0 = stored(caller, "a", 0, PENDING);
        OrchestratorTask b1 = stored(caller, "b", 1, PENDING);
        OrchestratorTask a2 = stored(caller, "a", 2, FAILED);
        OrchestratorTask a3 = stored(caller, "a", 3, PENDING);

        var project = get(caller, "/api/tasks", Map.of("project_id", "a"));
        var status = get(caller, "/api/tasks", Map.of("status", "pending"));
        var both = get(caller, "/api/tasks", Map.of("project_id", "a", "status", "failed"));
        var unknown = get(caller, "/api/tasks", Map.of("project_id", "no-such-project"));
        var empty = get(caller, "/api/tasks", Map.of("project_id", "", "status", ""));

        assertEquals(ids(a3, a2, a0), ids(project));
        assertEquals(3, project.get("total"));
        assertEquals(ids(a3, b1, a0), ids(status));
        assertEquals(ids(a2), ids(both));
        assertEquals(1, both.get("total"));
        assertEquals(200, unknown.status(), unknown.body());
        assertEquals(List.of(), unknown.get("items"));
        assertEquals(0, unknown.get("total"));
        assertEquals(0, unknown.get("total_pages"));
        assertEquals(4, empty.get("total"), "empty parameters filter nothing");
    }

    @Test
    void pages_are_numbered_and_carry_the_total_and_page_count() {
        Caller caller = newCaller();
        OrchestratorTask[] tasks = new OrchestratorTask[5];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = stored(caller, "a", i, PENDING);
        }

        var first = get(caller, "/api/tasks", Map.of("page_size", "2"));
        var last = get(caller, "/api/tasks", Map.of("page", "3", "page_size", "2"));
        var beyond = get(caller, "/api/tasks", Map.of("page", "4", "page_size", "2"));
        var widest = get(caller, "/api/tasks", Map.of("page_size", "100"));

        assertEquals(ids(tasks[4], tasks[3]), ids(first));
        assertEquals(3, first.get("total_pages"));
        assertEquals(ids(tasks[0]), ids(last));
        assertEquals(3, last.get("page"));
        assertEquals(2, last.get("page_size"));
        assertEquals(200, beyond.status(), beyond.body());
        assertEquals(List.of(), beyond.get("items"));
        assertEquals(5, beyond.get("total"));
        assertEquals(5, ((List<?>) widest.get("items")).size());
        assertEquals(100, widest.get("page_size"));
    }

    @Test
    void a_page_size_over_a_hundred_is_422_naming_page_size() {
        Caller caller = newCaller();

        assertUnprocessable(get(caller, "/api/tasks", Map.of("page_size", "101")), "page_size");
        assertUnprocessable(get(caller, "/api/tasks", Map.of("page_size", "0")), "page_size");
        assertUnprocessable(get(caller, "/api/tasks", Map.of("page_size", "ten")), "page_size");
    }

    @Test
    void a_page_below_one_or_an_unknown_status_is_422_naming_each_bad_parameter() {
        Caller caller = newCaller();

        assertUnprocessable(get(caller, "/api/tasks", Map.of("page", "0")), "page");
        assertUnprocessable(get(caller, "/api/tasks", Map.of("status", "running")), "status", "in_progress");
        assertUnprocessable(get(caller, "/api/tasks", Map.of("status", "PENDING", "page", "-1", "page_size",
                "500")), "status", "page ", "page_size");
    }

    @Test
    void unknown_malformed_and_other_teams_task_ids_are_404() {
        Caller caller = newCaller();
        Caller stranger = newCaller();
        OrchestratorTask mine = stored(caller, "a", 0, PENDING);

        var unknown = get(caller, "/api/tasks/" + UUID.randomUUID(), Map.of());
        var malformed = get(caller, "/api/tasks/not%20an%20id", Map.of());
        var foreign = get(stranger, "/api/tasks/" + mine.id(), Map.of());
        var foreignList = get(stranger, "/api/tasks", Map.of("project_id", "a"));

        for (var response : List.of(unknown, malformed, foreign)) {
            assertEquals(404, response.status(), response.body());
            assertEquals(Map.of("detail", "Task not found"), response.map());
        }
        assertEquals(0, foreignList.get("total"));
    }

    @Test
    void the_routes_need_a_token() {
        var listed = http.send(request("GET", "/api/tasks"));

        assertEquals(401, listed.status(), listed.body());
    }
}
