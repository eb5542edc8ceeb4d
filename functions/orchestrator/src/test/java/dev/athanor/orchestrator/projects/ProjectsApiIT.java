package dev.athanor.orchestrator.projects;

import dev.athanor.orchestrator.projects.ProjectsTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.athanor.orchestrator.projects.ProjectsTesting.DEFAULT_CONFIG;
import static dev.athanor.orchestrator.projects.ProjectsTesting.PROJECT_FIELDS;
import static dev.athanor.orchestrator.projects.ProjectsTesting.create;
import static dev.athanor.orchestrator.projects.ProjectsTesting.detail;
import static dev.athanor.orchestrator.projects.ProjectsTesting.map;
import static dev.athanor.orchestrator.projects.ProjectsTesting.newCaller;
import static dev.athanor.orchestrator.projects.ProjectsTesting.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The projects routes through the orchestrator's Lambda handler: CRUD, defaults, configuration merges, slots. */
@ExtendWith(LocalStackExtension.class)
class ProjectsApiIT {

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
        return ProjectsTesting.send(http, caller, method, path, body);
    }

    @Test
    void a_project_created_with_every_field_is_answered_read_and_listed_with_every_documented_field() {
        Caller caller = newCaller(http);

        var created = send(caller, "POST", "/api/projects", """
                {"name": "New Project", "type": "python", "status": "paused",
                 "github_repo": "https://github.com/user/repo",
                 "config": {
                   "priority": {"mode": "quality", "custom_weights": {"security": 0.6, "speed": 0.4}},
                   "timeframe": {"max_minutes": 45, "preset": "thorough"},
                   "risk_tolerance": {"level": 20, "allow_experimental": true, "ml_features_enabled": false},
                   "deployment": {"targets": ["linux", "windows"], "docker_enabled": true, "kubernetes_enabled": true},
                   "ml_components": {"adaptive_iterations": false, "quality_weight_learning": true,
                     "latent_reasoning": false, "agent_switching": true, "inference_time_scaling": false}}}""");
        String id = (String) created.get("id");
        var read = send(caller, "GET", "/api/projects/" + id, null);
        var listed = send(caller, "GET", "/api/projects", null);

        assertEquals(201, created.status(), created.body());
        Map<String, Object> project = created.map();
        assertEquals(PROJECT_FIELDS, List.copyOf(project.keySet()));
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        assertEquals("New Project", project.get("name"));
        assertEquals("python", project.get("type"));
        assertEquals("paused", project.get("status"));
        assertEquals("https://github.com/user/repo", project.get("github_repo"));
        assertEquals("Projekt-A", project.get("slot"));
        assertEquals(Map.of(
                "priority", Map.of("mode", "quality", "custom_weights", Map.of("security", 0.6, "speed", 0.4)),
                "timeframe", Map.of("max_minutes", 45, "preset", "thorough"),
                "risk_tolerance", Map.of("level", 20, "allow_experimental", true, "ml_features_enabled", false),
                "deployment", Map.of("targets", List.of("linux", "windows"), "docker_enabled", true,
                        "kubernetes_enabled", true),
                "ml_components", Map.of("adaptive_iterations", false, "quality_weight_learning", true,
                        "latent_reasoning", false, "agent_switching", true, "inference_time_scaling", false)),
                project.get("config"));
        assertEquals(0, project.get("total_tasks"));
        assertEquals(0, project.get("successful_tasks"));
        assertEquals(0.0, ((Number) project.get("avg_quality")).doubleValue());
        assertEquals(0.0, ((Number) project.get("total_cost")).doubleValue());
        assertEquals(project.get("created_at"), project.get("updated_at"));
        assertEquals(200, read.status(), read.body());
        assertEquals(project, read.map());
        assertEquals(200, listed.status(), listed.body());
        assertEquals(List.of(project), listed.list());
        var item = stored(caller, "project#" + id);
        assertEquals("New Project", item.get("name").s());
        assertEquals("python", item.get("type").s());
        assertEquals("paused", item.get("status").s());
        assertEquals("Projekt-A", item.get("slot").s());
        assertEquals(id, stored(caller, "slot#Projekt-A").get("project_id").s());
    }

    @Test
    void a_project_created_with_only_a_name_gets_the_documented_defaults() {
        Caller caller = newCaller(http);

        var created = send(caller, "POST", "/api/projects", "{\"name\": \"  Plain  \"}");

        assertEquals(201, created.status(), created.body());
        assertEquals("Plain", created.get("name"));
        assertEquals("general", created.get("type"));
        assertEquals("active", created.get("status"));
        assertTrue(created.map().containsKey("github_repo"));
        assertNull(created.get("github_repo"));
        assertEquals(DEFAULT_CONFIG, created.get("config"));
    }

    @Test
    void a_create_fills_the_config_parts_and_keys_it_leaves_out_from_the_defaults_in_either_spelling() {
        Caller caller = newCaller(http);

        var created = send(caller, "POST", "/api/projects", """
                {"name": "Partial", "githubRepo": "http://git.example.com/team/repo",
                 "config": {"timeframe": {"maxMinutes": 15}, "riskTolerance": {"level": 80}}}""");

        assertEquals(201, created.status(), created.body());
        assertEquals("http://git.example.com/team/repo", created.get("github_repo"));
        Map<?, ?> config = (Map<?, ?>) created.get("config");
        assertEquals(Map.of("max_minutes", 15, "preset", "standard"), config.get("timeframe"));
        assertEquals(Map.of("level", 80, "allow_experimental", false, "ml_features_enabled", true),
                config.get("risk_tolerance"));
        assertEquals(DEFAULT_CONFIG.get("priority"), config.get("priority"));
        assertEquals(DEFAULT_CONFIG.get("deployment"), config.get("deployment"));
        assertEquals(DEFAULT_CONFIG.get("ml_components"), config.get("ml_components"));
    }

    @Test
    void an_update_changes_the_fields_given_merges_the_config_and_keeps_the_rest() {
        Caller caller = newCaller(http);
        var created = send(caller, "POST", "/api/projects", """
                {"name": "Before", "type": "node", "github_repo": "https://github.com/user/repo",
                 "config": {"deployment": {"targets": ["linux"]}}}""");
        String id = (String) created.get("id");

        var updated = send(caller, "PUT", "/api/projects/" + id, """
                {"name": "Updated Name", "status": "archived", "github_repo": "https://github.com/user/new-repo",
                 "config": {"priority": {"mode": "speed"}, "deployment": {"docker_enabled": true}},
                 "slot": "Projekt-C", "total_tasks": 99}""");
        var cleared = send(caller, "PUT", "/api/projects/" + id, "{\"github_repo\": null, \"type\": \"react\"}");

        assertEquals(200, updated.status(), updated.body());
        assertEquals("Updated Name", updated.get("name"));
        assertEquals("archived", updated.get("status"));
        assertEquals("node", updated.get("type"), "a field not given stays");
        assertEquals("https://github.com/user/new-repo", updated.get("github_repo"));
        assertEquals("Projekt-A", updated.get("slot"), "the slot is not the caller's to choose");
        assertEquals(0, updated.get("total_tasks"));
        assertEquals(created.get("created_at"), updated.get("created_at"));
        Map<?, ?> config = (Map<?, ?>) updated.get("config");
        assertEquals(map("mode", "speed", "custom_weights", null), config.get("priority"));
        assertEquals(Map.of("targets", List.of("linux"), "docker_enabled", true, "kubernetes_enabled", false),
                config.get("deployment"));
        assertEquals(DEFAULT_CONFIG.get("timeframe"), config.get("timeframe"));
        assertEquals(200, cleared.status(), cleared.body());
        assertNull(cleared.get("github_repo"));
        assertEquals("react", cleared.get("type"));
        assertEquals("Updated Name", cleared.get("name"));
        assertEquals(cleared.map(), send(caller, "GET", "/api/projects/" + id, null).map());
        assertTrue(!stored(caller, "project#" + id).containsKey("github_repo"));
    }

    @Test
    void the_config_route_merges_the_parts_given_key_by_key_and_replaces_custom_weights_whole() {
        Caller caller = newCaller(http);
        String id = create(http, caller, "Configured");

        var first = send(caller, "PUT", "/api/projects/" + id + "/config", """
                {"priority": {"mode": "speed", "custom_weights": {"cost": 0.5, "speed": 0.5}},
                 "timeframe": {"max_minutes": 15, "preset": "quick"}}""");
        var second = send(caller, "PUT", "/api/projects/" + id + "/config", """
                {"priority": {"customWeights": {"quality": 1}}, "timeframe": {"preset": "standard"},
                 "mlComponents": {"latentReasoning": false}}""");
        var third = send(caller, "PUT", "/api/projects/" + id + "/config", """
                {"priority": {"custom_weights": null}}""");

        assertEquals(200, first.status(), first.body());
        assertEquals(List.copyOf(ProjectsTesting.PROJECT_FIELDS), List.copyOf(first.map().keySet()));
        Map<?, ?> config = (Map<?, ?>) first.get("config");
        assertEquals(Map.of("mode", "speed", "custom_weights", Map.of("cost", 0.5, "speed", 0.5)),
                config.get("priority"));
        assertEquals(Map.of("max_minutes", 15, "preset", "quick"), config.get("timeframe"));
        assertEquals(DEFAULT_CONFIG.get("risk_tolerance"), config.get("risk_tolerance"));
        assertEquals(200, second.status(), second.body());
        Map<?, ?> merged = (Map<?, ?>) second.get("config");
        assertEquals(Map.of("mode", "speed", "custom_weights", Map.of("quality", 1)), merged.get("priority"));
        assertEquals(Map.of("max_minutes", 15, "preset", "standard"), merged.get("timeframe"));
        assertEquals(false, ((Map<?, ?>) merged.get("ml_components")).get("latent_reasoning"));
        assertEquals(true, ((Map<?, ?>) merged.get("ml_components")).get("agent_switching"));
        assertEquals(map("mode", "speed", "custom_weights", null), ((Map<?, ?>) third.get("config")).get("priority"));
        assertEquals("Configured", third.get("name"));
        assertTrue(stored(caller, "project#" + id).get("config").s().contains("\"preset\":\"standard\""));
    }

    @Test
    void a_fourth_project_is_refused_until_a_delete_frees_a_slot_which_the_next_create_takes() {
        Caller caller = newCaller(http);
        String a = create(http, caller, "A");
        String b = create(http, caller, "B");
        String c = create(http, caller, "C");

        var fourth = send(caller, "POST", "/api/projects", "{\"name\": \"D\"}");
        var deleted = send(caller, "DELETE", "/api/projects/" + b, null);
        var gone = send(caller, "GET", "/api/projects/" + b, null);
        var again = send(caller, "DELETE", "/api/projects/" + b, null);
        var replacement = send(caller, "POST", "/api/projects", "{\"name\": \"D\"}");
        var listed = send(caller, "GET", "/api/projects", null);

        String refusal = detail(fourth, 409);
        assertTrue(refusal.contains("at most 3 projects: Projekt-A, Projekt-B, Projekt-C"), refusal);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(Map.of("message", "Project deleted successfully", "id", b, "slot", "Projekt-B"), deleted.map());
        assertEquals("Project not found", detail(gone, 404));
        detail(again, 404);
        assertTrue(stored(caller, "project#" + b).isEmpty());
        assertEquals(201, replacement.status(), replacement.body());
        assertEquals("Projekt-B", replacement.get("slot"));
        assertEquals(List.of(a, (String) replacement.get("id"), c),
                listed.list().stream().map(p -> p.get("id")).toList());
        assertEquals(List.of("Projekt-A", "Projekt-B", "Projekt-C"),
                listed.list().stream().map(p -> p.get("slot")).toList());
    }
}
