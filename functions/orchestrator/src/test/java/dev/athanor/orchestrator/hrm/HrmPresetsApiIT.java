package dev.athanor.orchestrator.hrm;

import dev.athanor.orchestrator.hrm.HrmTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.model.orchestrator.TaskStatus.IN_PROGRESS;
import static dev.athanor.model.orchestrator.TaskStatus.PENDING;
import static dev.athanor.orchestrator.hrm.HrmTesting.config;
import static dev.athanor.orchestrator.hrm.HrmTesting.defaults;
import static dev.athanor.orchestrator.hrm.HrmTesting.member;
import static dev.athanor.orchestrator.hrm.HrmTesting.newCaller;
import static dev.athanor.orchestrator.hrm.HrmTesting.project;
import static dev.athanor.orchestrator.hrm.HrmTesting.setting;
import static dev.athanor.orchestrator.hrm.HrmTesting.stored;
import static dev.athanor.orchestrator.hrm.HrmTesting.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HRM presets, built-in and custom, and applying them, through the orchestrator's Lambda handler. */
@ExtendWith(LocalStackExtension.class)
class HrmPresetsApiIT {

    private static final String PRESETS = "/api/hrm/config/presets";
    private static final List<String> PRESET_FIELDS = List.of("id", "name", "description", "icon", "color",
            "builtin", "visibility", "config", "usage_stats");
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

    private static List<Map<String, Object>> presets(Caller caller) {
        var listed = send(caller, "GET", PRESETS, null);
        assertEquals(200, listed.status(), listed.body());
        return listed.list();
    }

    private static Map<String, Object> create(Caller caller, String body) {
        var created = send(caller, "POST", PRESETS, body);
        assertEquals(201, created.status(), created.body());
        return created.map();
    }

    private static Map<String, Object> named(List<Map<String, Object>> presets, String name) {
        return presets.stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    @Test
    void every_team_has_the_four_built_in_presets_with_balanced_as_the_defaults() {
        List<Map<String, Object>> presets = presets(newCaller(http));

        assertEquals(List.of("balanced", "cost_optimized", "quality_first", "speed"),
                presets.stream().map(p -> p.get("name")).toList());
        Map<String, Object> balanced = presets.get(0);
        assertEquals(PRESET_FIELDS, List.copyOf(balanced.keySet()));
        assertEquals("Balanced performance, cost, and quality", balanced.get("description"));
        assertEquals("balance-scale", balanced.get("icon"));
        assertEquals("#3b82f6", balanced.get("color"));
        assertEquals(defaults(), balanced.get("config"));
        assertTrue(presets.stream().allMatch(p -> Boolean.TRUE.equals(p.get("builtin"))));
        assertEquals("cost_optimized", setting(presets.get(1), "agent_switching", "strategy"));
        assertEquals("quality_first", setting(presets.get(2), "agent_switching", "strategy"));
        assertEquals("speed_optimized", setting(presets.get(3), "agent_switching", "strategy"));
        assertEquals(presets.get(0).get("id"), presets(newCaller(http)).get(0).get("id"), "the same for every team");
    }

    @Test
    void a_custom_preset_is_created_from_the_defaults_listed_changed_by_merge_and_deleted() {
        Caller caller = newCaller(http);

        Map<String, Object> created = create(caller, """
                {"name": "My Custom Preset", "description": "Optimized for my workflow", "icon": "custom",
                 "color": "#10b981", "visibility": "shared", "config": {"caching": {"max_size_mb": 800}}}""");
        String id = (String) created.get("id");
        var changed = send(caller, "PUT", PRESETS + "/" + id, """
                {"name": "Renamed", "description": null, "config": {"bayesian_optimization": {"enabled": true}}}""");
        List<Map<String, Object>> listed = presets(caller);
        var deleted = send(caller, "DELETE", PRESETS + "/" + id, null);
        var again = send(caller, "DELETE", PRESETS + "/" + id, null);

        assertEquals(PRESET_FIELDS, List.copyOf(created.keySet()));
        assertEquals(false, created.get("builtin"));
        assertEquals("shared", created.get("visibility"));
        assertEquals(Map.of("usage_count", 0), Map.of("usage_count",
                ((Map<?, ?>) created.get("usage_stats")).get("usage_count")));
        assertEquals(HrmConfigApiIT.changed(defaults(), "caching", Map.of("max_size_mb", 800)), created.get("config"));
        assertEquals(200, changed.status(), changed.body());
        assertEquals("Renamed", changed.get("name"));
        assertEquals(null, changed.get("description"));
        assertEquals("#10b981", changed.get("color"), "a field not given is kept");
        assertEquals(800, setting(changed.map(), "caching", "max_size_mb"));
        assertEquals(true, setting(changed.map(), "bayesian_optimization", "enabled"));
        assertEquals(5, listed.size());
        assertEquals(changed.map(), listed.get(4));
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(404, again.status(), again.body());
        assertEquals(4, presets(caller).size());
        assertTrue(stored(caller.team(), "preset#" + id).isEmpty());
    }

    @Test
    void a_preset_with_invalid_fields_is_refused_naming_each_of_them() {
        Caller caller = newCaller(http);

        var refused = send(caller, "POST", PRESETS, """
                {"color": "green", "visibility": "everyone", "config": {"rl_refinement": {"learning_rate": 0}}}""");
        var builtinName = send(caller, "POST", PRESETS, "{\"name\": \"speed\"}");

        assertEquals(422, refused.status(), refused.body());
        assertEquals("Invalid preset: name is required; color must be a colour like #10b981; visibility must be one "
                + "of private, shared, public; rl_refinement.learning_rate must be between 0.0001 and 0.1",
                refused.get("detail"));
        assertEquals(422, builtinName.status(), builtinName.body());
        assertEquals(4, presets(caller).size());
    }

    @Test
    void built_in_presets_cannot_be_changed_or_deleted_by_id_or_name() {
        Caller caller = newCaller(http);
        String balanced = (String) presets(caller).get(0).get("id");

        var changed = send(caller, "PUT", PRESETS + "/" + balanced, "{\"name\": \"mine\"}");
        var deleted = send(caller, "DELETE", PRESETS + "/" + balanced, null);
        var byName = send(caller, "DELETE", PRESETS + "/speed", null);

        assertEquals(403, changed.status(), changed.body());
        assertEquals(Map.of("detail", "Built-in presets cannot be changed"), changed.map());
        assertEquals(403, deleted.status(), deleted.body());
        assertEquals(403, byName.status(), byName.body());
        assertEquals("balanced", presets(caller).get(0).get("name"));
    }

    @Test
    void a_private_preset_is_its_creators_a_shared_one_the_teams_and_neither_crosses_teams() {
        Caller owner = newCaller(http);
        Caller teammate = member(http, owner.team());
        Caller stranger = newCaller(http);
        String mine = (String) create(owner, "{\"name\": \"mine\"}").get("id");
        String ours = (String) create(owner, "{\"name\": \"ours\", \"visibility\": \"shared\"}").get("id");

        List<Object> teammateSees = presets(teammate).stream().map(p -> p.get("name")).toList();
        var teammateChanges = send(teammate, "PUT", PRESETS + "/" + mine, "{\"name\": \"taken\"}");
        var strangerChanges = send(stranger, "PUT", PRESETS + "/" + ours, "{\"name\": \"taken\"}");
        var strangerDeletes = send(stranger, "DELETE", PRESETS + "/" + ours, null);
        var strangerApplies = send(stranger, "POST", PRESETS + "/" + ours + "/apply?project_id="
                + project(http, stranger), null);

        assertEquals("private", named(presets(owner), "mine").get("visibility"), "private by default");
        assertEquals(List.of("balanced", "cost_optimized", "quality_first", "speed", "ours"), teammateSees);
        assertEquals(404, teammateChanges.status(), teammateChanges.body());
        assertEquals(404, strangerChanges.status(), strangerChanges.body());
        assertEquals(404, strangerDeletes.status(), strangerDeletes.body());
        assertEquals(404, strangerApplies.status(), strangerApplies.body());
        assertEquals(4, presets(stranger).size());
        assertEquals("ours", named(presets(owner), "ours").get("name"));
    }

    @Test
    void applying_a_preset_sets_the_project_or_task_config_and_counts_its_use() {
        Caller caller = newCaller(http);
        String project = project(http, caller);
        String running = task(http, caller, project, IN_PROGRESS);
        String task = task(http, caller, project, PENDING);
        List<Map<String, Object>> before = presets(caller);
        String costId = (String) named(before, "cost_optimized").get("id");
        Map<String, Object> custom = create(caller,
                "{\"name\": \"tiny\", \"config\": {\"caching\": {\"max_size_mb\": 100}}}");

        var applied = send(caller, "POST", PRESETS + "/" + costId + "/apply?project_id=" + project
                + "&apply_immediately=true", null);
        var onTask = send(caller, "POST", PRESETS + "/" + custom.get("id") + "/apply",
                "{\"project_id\": \"%s\", \"task_id\": \"%s\"}".formatted(project, task));
        var unknown = send(caller, "POST", PRESETS + "/" + UUID.randomUUID() + "/apply?project_id=" + project, null);
        var noProject = send(caller, "POST", PRESETS + "/speed/apply", null);
        var badFlag = send(caller, "POST", PRESETS + "/speed/apply?project_id=" + project
                + "&apply_immediately=maybe", null);
        Map<String, Object> projectView = config(http, caller, project, null);
        Map<String, Object> taskView = config(http, caller, project, task);
        Map<String, Object> runningView = config(http, caller, project, running);
        var unknownProject = send(caller, "POST", PRESETS + "/speed/apply?project_id=" + UUID.randomUUID(), null);

        assertEquals(200, applied.status(), applied.body());
        assertEquals("applied", applied.get("status"));
        assertEquals(1, applied.get("active_tasks_affected"), "the project's running task");
        assertEquals(true, applied.get("future_tasks_affected"));
        assertEquals(named(before, "cost_optimized").get("config"), projectView.get("config"));
        assertEquals("cost_optimized", projectView.get("preset_name"));
        assertEquals(projectView.get("config"), runningView.get("config"), "handed on to the running task");
        assertEquals("cost_optimized", runningView.get("preset_name"));
        assertNotEquals(projectView.get("config_id"), runningView.get("config_id"), "the running task's own config");
        assertEquals(200, onTask.status(), onTask.body());
        assertEquals(custom.get("config"), taskView.get("config"));
        assertEquals("tiny", taskView.get("preset_name"));
        assertNotEquals(projectView.get("config_id"), taskView.get("config_id"));
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals(422, noProject.status(), noProject.body());
        assertEquals(404, unknownProject.status(), unknownProject.body());
        assertEquals(Map.of("detail", "Project not found"), unknownProject.map());
        assertEquals(422, badFlag.status(), badFlag.body());
        List<Map<String, Object>> after = presets(caller);
        assertEquals(1, ((Map<?, ?>) named(after, "cost_optimized").get("usage_stats")).get("usage_count"));
        assertEquals(1, ((Map<?, ?>) named(after, "tiny").get("usage_stats")).get("usage_count"));
        assertEquals(0, ((Map<?, ?>) named(after, "speed").get("usage_stats")).get("usage_count"),
                "refused applications are not counted");
    }
}
