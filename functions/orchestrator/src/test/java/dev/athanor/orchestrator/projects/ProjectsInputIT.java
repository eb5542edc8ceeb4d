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

import static dev.athanor.orchestrator.projects.ProjectsTesting.create;
import static dev.athanor.orchestrator.projects.ProjectsTesting.detail;
import static dev.athanor.orchestrator.projects.ProjectsTesting.newCaller;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the projects routes refuse, in the {"detail": "..."} shape, and that a refusal stores nothing. */
@ExtendWith(LocalStackExtension.class)
class ProjectsInputIT {

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

    private static void assertNames(String detail, String... fields) {
        for (String field : fields) {
            assertTrue(detail.contains(field), field + " not named in: " + detail);
        }
    }

    @Test
    void a_create_with_invalid_enums_types_and_ranges_is_422_naming_every_field_and_stores_nothing() {
        Caller caller = newCaller(http);

        var wrong = send(caller, "POST", "/api/projects", """
                {"name": 5, "type": "java", "status": "done", "github_repo": "ftp://github.com/user/repo",
                 "config": {"priority": {"mode": ""}, "timeframe": {"max_minutes": 0, "preset": 3},
                   "risk_tolerance": {"level": 101, "allow_experimental": "yes"},
                   "deployment": {"targets": "windows"}, "ml_components": {"agent_switching": 1},
                   "extras": {}}}""");
        var missing = send(caller, "POST", "/api/projects", "{\"type\": \"python\"}");
        var enumType = send(caller, "POST", "/api/projects", "{\"name\": \"x\", \"type\": 1, \"status\": null}");
        var notObject = send(caller, "POST", "/api/projects", "{\"name\": \"x\", \"config\": [1]}");

        String detail = detail(wrong, 422);
        assertNames(detail, "name must be a string", "type must be one of python, typescript, react, node, general",
                "status must be one of active, paused, archived", "github_repo must be an http or https URL",
                "config.priority.mode must not be empty", "config.timeframe.max_minutes must be at least 1",
                "config.timeframe.preset must be a string", "config.risk_tolerance.level must be between 0 and 100",
                "config.risk_tolerance.allow_experimental must be a boolean",
                "config.deployment.targets must be an array of strings",
                "config.ml_components.agent_switching must be a boolean",
                "config.extras is not a configuration setting");
        assertNames(detail(missing, 422), "name is required");
        assertNames(detail(enumType, 422), "type must be one of", "status must be one of");
        assertNames(detail(notObject, 422), "config must be an object");
        assertEquals(List.of(), send(caller, "GET", "/api/projects", null).list());
    }

    @Test
    void repository_urls_need_http_or_https_and_a_host_without_credentials() {
        Caller caller = newCaller(http);

        for (String url : List.of("github.com/user/repo", "git@github.com:user/repo.git", "https://",
                "https://token@github.com/user/repo", "file:///etc/passwd", "https://github.com/has space")) {
            var refused = send(caller, "POST", "/api/projects",
                    "{\"name\": \"x\", \"github_repo\": \"" + url + "\"}");
            assertNames(detail(refused, 422), "github_repo");
        }
        var empty = send(caller, "POST", "/api/projects", "{\"name\": \"x\", \"github_repo\": \"\"}");

        assertEquals(201, empty.status(), empty.body());
        assertEquals(null, empty.get("github_repo"), "empty is no repository");
    }

    @Test
    void an_invalid_update_or_config_change_is_422_and_leaves_the_project_as_it_was() {
        Caller caller = newCaller(http);
        String id = create(http, caller, "Kept");
        Map<String, Object> before = send(caller, "GET", "/api/projects/" + id, null).map();

        var update = send(caller, "PUT", "/api/projects/" + id, """
                {"name": "Changed", "status": "deleted", "config": {"timeframe": {"max_minutes": 2.5}}}""");
        var nulls = send(caller, "PUT", "/api/projects/" + id, "{\"name\": null, \"config\": null}");
        var config = send(caller, "PUT", "/api/projects/" + id + "/config", """
                {"priority": {"mode": "speed"}, "risk_tolerance": {"level": -1},
                 "deployment": {"targets": ["linux", ""]}, "timeframe": null}""");
        var unknown = send(caller, "PUT", "/api/projects/" + id + "/config", "{\"timeframe\": {\"max_minute\": 5}}");

        assertNames(detail(update, 422), "status must be one of",
                "config.timeframe.max_minutes must be an integer");
        assertNames(detail(nulls, 422), "name must not be empty", "config must be an object");
        assertNames(detail(config, 422), "risk_tolerance.level must be between 0 and 100",
                "deployment.targets must not be empty", "timeframe must be an object");
        assertNames(detail(unknown, 422), "timeframe.max_minute is not a configuration setting");
        assertEquals(before, send(caller, "GET", "/api/projects/" + id, null).map());
    }

    @Test
    void malformed_json_is_400_a_body_that_is_not_an_object_422_and_one_over_64_kib_413() {
        Caller caller = newCaller(http);
        String id = create(http, caller, "Kept");
        String weights = "{\"priority\": {\"custom_weights\": {\"w\": \"" + "x".repeat(64 * 1024) + "\"}}}";

        detail(send(caller, "POST", "/api/projects", "{\"name\": "), 400);
        detail(send(caller, "PUT", "/api/projects/" + id + "/config", "{priority}"), 400);
        detail(send(caller, "PUT", "/api/projects/" + id, "[1, 2]"), 422);
        detail(send(caller, "PUT", "/api/projects/" + id + "/config", weights), 413);
        assertEquals(null, ((Map<?, ?>) ((Map<?, ?>) send(caller, "GET", "/api/projects/" + id, null).get("config"))
                .get("priority")).get("custom_weights"));
    }

    @Test
    void another_teams_project_unknown_ids_and_ids_that_cannot_be_ids_are_404() {
        Caller owner = newCaller(http);
        Caller stranger = newCaller(http);
        String id = create(http, owner, "Mine");

        for (String path : List.of("/api/projects/" + id, "/api/projects/00000000-0000-0000-0000-000000000000",
                "/api/projects/not-a-uuid", "/api/projects/" + id.toUpperCase())) {
            assertEquals("Project not found", detail(send(stranger, "GET", path, null), 404), path);
            detail(send(stranger, "PUT", path, "{\"name\": \"Theirs\"}"), 404);
            detail(send(stranger, "PUT", path + "/config", "{\"priority\": {\"mode\": \"speed\"}}"), 404);
            detail(send(stranger, "DELETE", path, null), 404);
        }

        assertEquals(List.of(), send(stranger, "GET", "/api/projects", null).list());
        var mine = send(owner, "GET", "/api/projects/" + id, null);
        assertEquals("Mine", mine.get("name"));
        assertEquals("balanced", ((Map<?, ?>) ((Map<?, ?>) mine.get("config")).get("priority")).get("mode"));
        assertEquals(id, send(owner, "GET", "/api/projects/" + id.toUpperCase(), null).get("id"),
                "a UUID names the same project in either case");
    }

    @Test
    void every_route_needs_a_token() {
        for (String[] route : List.of(new String[]{"GET", "/api/projects"}, new String[]{"POST", "/api/projects"},
                new String[]{"GET", "/api/projects/00000000-0000-0000-0000-000000000000"},
                new String[]{"DELETE", "/api/projects/00000000-0000-0000-0000-000000000000"})) {
            var response = http.send(request(route[0], route[1]).json("{\"name\": \"x\"}"));
            assertEquals(401, response.status(), route[0] + " " + route[1] + ": " + response.body());
        }
    }
}
