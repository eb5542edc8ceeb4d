package dev.athanor.factory;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One rule for ids in a path, on every factory route that looks one up: an id that cannot be one (a slug with
 * characters no slug has, a key too long to be stored) names nothing, so it is a 404 with the same
 * {@code detail} as a well-formed id that is unknown, never a 422, a 400 or a 500.
 */
@ExtendWith(LocalStackExtension.class)
class FactoryPathIdsIT {

    private static final String TOO_LONG = "x".repeat(1_100);

    private static LambdaHttp http;
    private static String bearer;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction");
        bearer = FactoryTokens.mint(http, "fid-" + UUID.randomUUID(), "member");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static void assertNotFound(String method, String path, String body, String detail) {
        var event = request(method, path).bearer(bearer).header("Accept", "*/*");
        var response = http.send(body == null ? event : event.json(body));
        String route = method + " " + path.substring(0, Math.min(path.length(), 60));
        assertEquals(404, response.status(), route + ": " + response.body());
        assertEquals(Map.of("detail", detail), response.map(), route);
    }

    @Test
    void a_malformed_or_unknown_job_slug_is_404_on_every_job_route() {
        for (String slug : List.of("no-such-job", "Not_A_Slug", "-x", TOO_LONG)) {
            for (String[] route : List.of(new String[]{"GET", ""}, new String[]{"DELETE", ""},
                    new String[]{"GET", "/phases"}, new String[]{"POST", "/cancel"}, new String[]{"GET", "/download"},
                    new String[]{"GET", "/code/tree"}, new String[]{"GET", "/code/file"})) {
                assertNotFound(route[0], "/api/jobs/" + slug + route[1], null, "No job '" + slug + "'");
            }
        }
    }

    @Test
    void a_malformed_or_unknown_project_slug_is_404_where_a_project_is_looked_up() {
        for (String slug : List.of("no-such-project", "Not_A_Slug", TOO_LONG)) {
            assertNotFound("GET", "/api/projects/" + slug, null, "Project '" + slug + "' not found");
            assertNotFound("DELETE", "/api/projects/" + slug, null, "Project '" + slug + "' not found");
        }
    }

    @Test
    void a_malformed_or_unknown_agent_id_is_404_on_every_agent_route() {
        for (String agent : List.of("nobody_agent", "no!such", TOO_LONG)) {
            String detail = "Agent '" + agent + "' not found";
            assertNotFound("GET", "/api/agents/" + agent, null, detail);
            assertNotFound("PATCH", "/api/agents/" + agent, "{\"model\": \"gpt-4o\"}", detail);
            assertNotFound("POST", "/api/agents/config/" + agent, "{\"model\": \"gpt-4o\"}", detail);
            assertNotFound("POST", "/api/agents/" + agent + "/test", null, detail);
        }
    }

    @Test
    void a_malformed_or_unknown_provider_name_is_404_where_a_provider_is_looked_up() {
        for (String name : List.of("no-such-provider", "Not_A_Name", TOO_LONG)) {
            String detail = "Provider '" + name + "' not found";
            assertNotFound("PATCH", "/api/providers/" + name, "{}", detail);
            assertNotFound("DELETE", "/api/providers/" + name, null, detail);
            assertNotFound("POST", "/api/providers/" + name + "/use", null, detail);
        }
    }

    @Test
    void a_malformed_or_unknown_hitl_id_is_404_on_every_decision_route() {
        for (String id : List.of("exp-0000000000000000", "no!such", TOO_LONG)) {
            for (String decision : List.of("approve", "reject")) {
                assertNotFound("POST", "/api/experiences/" + id + "/" + decision, null, "No experience '" + id + "'");
                assertNotFound("POST", "/api/checkpoints/" + id + "/" + decision, null, "No checkpoint '" + id + "'");
                assertNotFound("POST", "/api/hitl/" + id + "/" + decision, null, "No experience '" + id + "'");
            }
        }
    }
}
