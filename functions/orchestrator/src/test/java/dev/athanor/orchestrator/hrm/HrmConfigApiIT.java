package dev.athanor.orchestrator.hrm;

import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.HrmStore;
import dev.athanor.orchestrator.hrm.HrmTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.model.orchestrator.TaskStatus.IN_PROGRESS;
import static dev.athanor.model.orchestrator.TaskStatus.PENDING;
import static dev.athanor.orchestrator.hrm.HrmTesting.APPLIED_FIELDS;
import static dev.athanor.orchestrator.hrm.HrmTesting.CONFIG_FIELDS;
import static dev.athanor.orchestrator.hrm.HrmTesting.config;
import static dev.athanor.orchestrator.hrm.HrmTesting.defaults;
import static dev.athanor.orchestrator.hrm.HrmTesting.newCaller;
import static dev.athanor.orchestrator.hrm.HrmTesting.project;
import static dev.athanor.orchestrator.hrm.HrmTesting.setting;
import static dev.athanor.orchestrator.hrm.HrmTesting.stored;
import static dev.athanor.orchestrator.hrm.HrmTesting.task;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HRM configs of projects and tasks and their history through the orchestrator's Lambda handler. */
@ExtendWith(LocalStackExtension.class)
class HrmConfigApiIT {

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("OrchestratorFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response send(Caller caller, String method, String path, String body) {
        return HrmTesting.send(http, caller, method, path, body);
    }

    private static HrmStore hrm() {
        return http.context().getBean(HrmStore.class);
    }

    private static LambdaHttp.Response update(Caller caller, String project, String task, String config) {
        return send(caller, "POST", "/api/hrm/config", """
                {"project_id": "%s", "task_id": %s, "config": %s}""".formatted(project,
                task == null ? "null" : "\"" + task + "\"", config));
    }

    @Test
    void a_project_without_a_config_runs_with_the_documents_defaults_as_the_balanced_preset() {
        Caller caller = newCaller(http);

        Map<String, Object> view = config(http, caller, project(http, caller), null);

        assertEquals(CONFIG_FIELDS, List.copyOf(view.keySet()));
        assertNull(view.get("config_id"));
        assertEquals(defaults(), view.get("config"));
        assertEquals("balanced", view.get("preset_name"));
        assertNull(view.get("last_updated"));
        assertNull(view.get("updated_by"));
    }

    @Test
    void an_update_merges_the_settings_given_into_the_current_config_and_is_stored() {
        Caller caller = newCaller(http);
        String project = project(http, caller);

        var first = update(caller, project, null, """
                {"agent_switching": {"max_switches_per_task": 5}, "caching": {"remote": true}}""");
        var second = update(caller, project, null, """
                {"agent_switching": {"strategy": "quality_first"}, "deep_supervision": {"checkpoints": [0.5, 1]}}""");
        Map<String, Object> view = config(http, caller, project, null);

        assertEquals(200, first.status(), first.body());
        assertEquals(APPLIED_FIELDS, List.copyOf(first.map().keySet()));
        assertEquals("applied", first.get("status"));
        assertEquals(0, first.get("active_tasks_affected"));
        assertEquals(true, first.get("future_tasks_affected"));
        assertEquals(Map.of("cost_change", "n", "speed_change", "n", "quality_change", "n", "token_reduction", "n"),
                nullsAsN((Map<?, ?>) first.get("impact_estimate")));
        String configId = (String) first.get("config_id");
        UUID.fromString(configId);
        assertEquals(configId, second.get("config_id"), "the same config, changed again");
        Map<String, Object> expected = changed(defaults(), "agent_switching", Map.of("max_switches_per_task", 5,
                "strategy", "quality_first"));
        expected = changed(expected, "caching", Map.of("remote", true));
        expected = changed(expected, "deep_supervision", Map.of("checkpoints", List.of(0.5, 1.0)));
        assertEquals(expected, view.get("config"));
        assertEquals(configId, view.get("config_id"));
        assertNull(view.get("preset_name"), "changed by hand");
        assertEquals(caller.subject(), view.get("updated_by"));
        assertNotNull(view.get("last_updated"));
        assertEquals(configId, stored(caller.team(), "config#" + project).get("config_id").s());
    }

    @Test
    void a_tasks_config_starts_from_its_projects_and_is_read_for_that_task_alone() {
        Caller caller = newCaller(http);
        String project = project(http, caller);
        String task = task(http, caller, project, PENDING);
        String otherTask = task(http, caller, project, PENDING);
        String elsewhere = task(http, caller, project(http, caller), PENDING);
        update(caller, project, null, "{\"agent_switching\": {\"max_switches_per_task\": 5}}");

        var saved = update(caller, project, task, "{\"latent_reasoning\": {\"dimensionality\": 256}}");
        Map<String, Object> taskView = config(http, caller, project, task);
        Map<String, Object> projectView = config(http, caller, project, null);
        Map<String, Object> otherView = config(http, caller, project, otherTask);
        var unknownTask = send(caller, "GET", "/api/hrm/config?project_id=" + project + "&task_id=" + UUID.randomUUID(),
                null);
        var anotherProjects = update(caller, project, elsewhere, "{\"caching\": {\"remote\": true}}");

        assertEquals(200, saved.status(), saved.body());
        assertEquals(false, saved.get("future_tasks_affected"));
        assertEquals(saved.get("config_id"), taskView.get("config_id"));
        assertEquals(256, setting(taskView, "latent_reasoning", "dimensionality"));
        assertEquals(5, setting(taskView, "agent_switching", "max_switches_per_task"), "inherited from its project");
        assertEquals(512, setting(projectView, "latent_reasoning", "dimensionality"));
        assertEquals(projectView, otherView, "a task without a config runs with its project's");
        assertEquals(404, unknownTask.status(), unknownTask.body());
        assertEquals(Map.of("detail", "Task not found"), unknownTask.map());
        assertEquals(404, anotherProjects.status(), anotherProjects.body());
        assertEquals(Map.of("detail", "Task not found"), anotherProjects.map(), "a task of another project");
        assertTrue(hrm().findConfig(TeamId.of(caller.team()), project, elsewhere).isEmpty());
    }

    @Test
    void every_setting_out_of_range_or_of_the_wrong_kind_is_named_and_nothing_is_stored() {
        Caller caller = newCaller(http);
        String project = project(http, caller);

        var refused = update(caller, project, null, """
                {"latent_reasoning": {"enabled": "yes", "dimensionality": 1025, "compression_ratio_target": 0.5},
                 "ml_iteration_prediction": {"mode": "sometimes", "max_iterations": 21, "confidence_threshold": 1.1},
                 "agent_switching": {"strategy": "random", "quality_drop_threshold": -0.1, "cost_ceiling": -1,
                                     "max_switches_per_task": 11},
                 "deep_supervision": {"checkpoints": [0.66, 0.33], "quality_gate_threshold": 2},
                 "parallel_evaluation": {"worker_count": 0, "timeout_seconds": 301},
                 "caching": {"max_size_mb": 99, "disk": null},
                 "bayesian_optimization": {"iterations": 101},
                 "rl_refinement": {"epsilon": 1.5, "learning_rate": 0.2},
                 "prometheus_metrics": {"export_interval": 4},
                 "multi_repo": {"enabled": true, "repos": 3},
                 "turbo": {}}""");

        assertEquals(422, refused.status(), refused.body());
        String detail = (String) refused.get("detail");
        for (String problem : List.of("latent_reasoning.enabled must be a boolean",
                "latent_reasoning.dimensionality must be between 128 and 1024",
                "latent_reasoning.compression_ratio_target must be between 1.0 and 10.0",
                "ml_iteration_prediction.mode must be one of auto, manual, fixed",
                "ml_iteration_prediction.max_iterations must be between 2 and 20",
                "ml_iteration_prediction.confidence_threshold must be between 0.0 and 1.0",
                "agent_switching.strategy must be one of cost_optimized, quality_first, speed_optimized, adaptive, "
                        + "round_robin, manual",
                "agent_switching.quality_drop_threshold must be between 0.0 and 1.0",
                "agent_switching.cost_ceiling must be at least 0",
                "agent_switching.max_switches_per_task must be between 0 and 10",
                "deep_supervision.checkpoints must be a list of at most 10 numbers between 0.0 and 1.0 in ascending",
                "deep_supervision.quality_gate_threshold must be between 0.0 and 1.0",
                "parallel_evaluation.worker_count must be between 1 and 16",
                "parallel_evaluation.timeout_seconds must be between 10 and 300",
                "caching.max_size_mb must be between 100 and 5000", "caching.disk must not be null",
                "bayesian_optimization.iterations must be between 10 and 100",
                "rl_refinement.epsilon must be between 0.0 and 1.0",
                "rl_refinement.learning_rate must be between 0.0001 and 0.1",
                "prometheus_metrics.export_interval must be between 5 and 60",
                "multi_repo.repos is not an HRM setting", "turbo is not an HRM setting")) {
            assertTrue(detail.contains(problem), problem + " in " + detail);
        }
        assertTrue(stored(caller.team(), "config#" + project).isEmpty());
        assertNull(config(http, caller, project, null).get("config_id"));
    }

    @Test
    void a_body_that_is_not_json_is_400_missing_fields_are_422_and_ids_that_are_not_uuids_are_404() {
        Caller caller = newCaller(http);

        var malformed = send(caller, "POST", "/api/hrm/config", "{\"project_id\": ");
        var missing = send(caller, "POST", "/api/hrm/config", "{\"persist\": \"yes\"}");
        var notAnId = update(caller, "project-1", null, "{}");
        var badTask = update(caller, project(http, caller), "42", "{}");
        var noProject = send(caller, "GET", "/api/hrm/config", null);
        var anonymous = http.send(request("GET", "/api/hrm/config").query("project_id", UUID.randomUUID().toString()));

        assertEquals(400, malformed.status(), malformed.body());
        assertEquals(422, missing.status(), missing.body());
        assertEquals("Invalid HRM config: project_id is required; config is required; persist must be a boolean",
                missing.get("detail"));
        assertEquals(404, notAnId.status(), notAnId.body());
        assertEquals(Map.of("detail", "Project not found"), notAnId.map());
        assertEquals(404, badTask.status(), badTask.body());
        assertEquals(Map.of("detail", "Task not found"), badTask.map());
        assertEquals(422, noProject.status(), noProject.body());
        assertEquals(401, anonymous.status(), anonymous.body());
    }

    @Test
    void without_persist_a_change_is_checked_but_not_stored() {
        Caller caller = newCaller(http);
        String project = project(http, caller);

        var checked = send(caller, "POST", "/api/hrm/config", """
                {"project_id": "%s", "config": {"caching": {"remote": true}}, "persist": false}""".formatted(project));
        var refused = send(caller, "POST", "/api/hrm/config", """
                {"project_id": "%s", "config": {"caching": {"max_size_mb": 1}}, "persist": false}"""
                .formatted(project));

        assertEquals(200, checked.status(), checked.body());
        assertEquals("validated", checked.get("status"));
        assertNull(checked.get("config_id"));
        assertEquals(false, checked.get("future_tasks_affected"));
        assertEquals(422, refused.status(), refused.body());
        assertEquals(defaults(), config(http, caller, project, null).get("config"));
    }

    @Test
    void the_history_lists_each_change_newest_first_with_who_what_and_where_from_a_page_at_a_time() {
        Caller caller = newCaller(http);
        String project = project(http, caller);
        String configId = (String) update(caller, project, null,
                "{\"agent_switching\": {\"max_switches_per_task\": 5}}").get("config_id");
        update(caller, project, null, "{\"agent_switching\": {\"max_switches_per_task\": 6}}");
        var applied = send(caller, "POST", "/api/hrm/config/presets/speed/apply?project_id=" + project, null);

        var all = send(caller, "GET", "/api/hrm/config/history/" + configId, null);
        var first = http.send(request("GET", "/api/hrm/config/history/" + configId).bearer(caller.bearer())
                .query("limit", "1"));

        assertEquals(200, applied.status(), applied.body());
        assertEquals(200, all.status(), all.body());
        List<Map<String, Object>> entries = all.list();
        assertEquals(List.of("preset", "manual", "manual"), entries.stream().map(e -> e.get("source")).toList());
        assertEquals(List.of("id", "config_id", "project_id", "task_id", "changed_at", "changed_by", "source",
                "preset_id", "preset_name", "changes"), List.copyOf(entries.get(0).keySet()));
        assertEquals("speed", entries.get(0).get("preset_name"));
        assertEquals(caller.subject(), entries.get(1).get("changed_by"));
        assertEquals(project, entries.get(1).get("project_id"));
        assertEquals(List.of(Map.of("field", "agent_switching.max_switches_per_task", "before", 5, "after", 6)),
                entries.get(1).get("changes"));
        assertEquals(List.of(Map.of("field", "agent_switching.max_switches_per_task", "before", 3, "after", 5)),
                entries.get(2).get("changes"));
        assertEquals(1, first.list().size());
        assertEquals("preset", first.list().get(0).get("source"));
        assertNotNull(first.header("X-Next-Cursor"), first.headers().toString());
    }

    @Test
    void another_teams_projects_configs_and_history_are_not_found_and_unknown_ones_neither() {
        Caller owner = newCaller(http);
        Caller stranger = newCaller(http);
        String project = project(http, owner);
        String configId = (String) update(owner, project, null, "{\"caching\": {\"remote\": true}}")
                .get("config_id");

        var history = send(stranger, "GET", "/api/hrm/config/history/" + configId, null);
        var unknown = send(owner, "GET", "/api/hrm/config/history/" + UUID.randomUUID(), null);
        var notAnId = send(owner, "GET", "/api/hrm/config/history/abc", null);
        var strangerReads = send(stranger, "GET", "/api/hrm/config?project_id=" + project, null);
        var strangerChanges = update(stranger, project, null, "{\"caching\": {\"max_size_mb\": 800}}");
        String nowhere = UUID.randomUUID().toString();
        var unknownRead = send(owner, "GET", "/api/hrm/config?project_id=" + nowhere, null);
        var unknownChange = update(owner, nowhere, null, "{\"caching\": {\"remote\": true}}");

        assertEquals(404, history.status(), history.body());
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals(404, notAnId.status(), notAnId.body());
        for (var refused : List.of(strangerReads, strangerChanges, unknownRead, unknownChange)) {
            assertEquals(404, refused.status(), refused.body());
            assertEquals(Map.of("detail", "Project not found"), refused.map());
        }
        Map<String, Object> kept = config(http, owner, project, null);
        assertEquals(configId, kept.get("config_id"));
        assertEquals(500, setting(kept, "caching", "max_size_mb"), "the stranger changed nothing");
        assertTrue(hrm().findConfig(TeamId.of(stranger.team()), project, null).isEmpty());
        assertTrue(hrm().findConfig(TeamId.of(owner.team()), nowhere, null).isEmpty());
    }

    @Test
    void deleting_a_project_removes_its_hrm_configs_and_its_config_is_then_not_found() {
        Caller caller = newCaller(http);
        String project = project(http, caller);
        String task = task(http, caller, project, PENDING);
        String other = project(http, caller);
        assertEquals(200, update(caller, project, null, "{\"caching\": {\"remote\": true}}").status());
        assertEquals(200, update(caller, project, task, "{\"caching\": {\"disk\": false}}").status());
        assertEquals(200, update(caller, other, null, "{\"caching\": {\"remote\": true}}").status());
        TeamId team = TeamId.of(caller.team());
        assertTrue(hrm().findConfig(team, project, null).isPresent());
        assertTrue(hrm().findConfig(team, project, task).isPresent());

        var deleted = send(caller, "DELETE", "/api/projects/" + project, null);
        var read = send(caller, "GET", "/api/hrm/config?project_id=" + project, null);

        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(404, read.status(), read.body());
        assertEquals(Map.of("detail", "Project not found"), read.map());
        assertTrue(hrm().findConfig(team, project, null).isEmpty());
        assertTrue(hrm().findConfig(team, project, task).isEmpty());
        assertTrue(hrm().findConfig(team, other, null).isPresent(), "another project's config stays");
    }

    @Test
    void applying_immediately_writes_the_projects_config_to_its_running_tasks_alone() {
        Caller caller = newCaller(http);
        String project = project(http, caller);
        String running = task(http, caller, project, IN_PROGRESS);
        String pending = task(http, caller, project, PENDING);
        String elsewhere = project(http, caller);
        String runningElsewhere = task(http, caller, elsewhere, IN_PROGRESS);
        update(caller, project, running, "{\"latent_reasoning\": {\"dimensionality\": 256}}");
        update(caller, project, pending, "{\"latent_reasoning\": {\"dimensionality\": 128}}");

        var applied = send(caller, "POST", "/api/hrm/config", """
                {"project_id": "%s", "config": {"caching": {"remote": true}}, "apply_immediately": true}"""
                .formatted(project));
        Map<String, Object> runningView = config(http, caller, project, running);
        Map<String, Object> pendingView = config(http, caller, project, pending);

        assertEquals(200, applied.status(), applied.body());
        assertEquals("applied", applied.get("status"));
        assertEquals(1, applied.get("active_tasks_affected"), "the project's one running task");
        assertEquals(true, applied.get("future_tasks_affected"));
        assertEquals(config(http, caller, project, null).get("config"), runningView.get("config"),
                "the running task now runs with its project's config");
        assertEquals(true, setting(runningView, "caching", "remote"));
        assertEquals(512, setting(runningView, "latent_reasoning", "dimensionality"));
        assertEquals(false, setting(pendingView, "caching", "remote"), "a task not running keeps its own");
        assertEquals(128, setting(pendingView, "latent_reasoning", "dimensionality"));
        assertTrue(hrm().findConfig(TeamId.of(caller.team()), elsewhere, runningElsewhere).isEmpty(),
                "another project's running task is not reached");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> changed(Map<String, Object> config, String section, Map<String, Object> values) {
        Map<String, Object> next = new HashMap<>(config);
        Map<String, Object> settings = new HashMap<>((Map<String, Object>) config.get(section));
        settings.putAll(values);
        next.put(section, settings);
        return next;
    }

    private static Map<Object, Object> nullsAsN(Map<?, ?> map) {
        Map<Object, Object> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(k, v == null ? "n" : v));
        return copy;
    }
}
