package dev.athanor.promptlab;

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
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One rule for ids in a path, on every prompt-lab route that takes one: an id that cannot be one (not a positive
 * integer, or for an evaluation not a plain key) names nothing, so it is a 404 with the same {@code detail} as a
 * well-formed id that is unknown, never a 422 or a 400.
 */
@ExtendWith(LocalStackExtension.class)
class PromptLabPathIdsIT {

    private static final List<String> MALFORMED_NUMBERS = List.of("abc", "0", "-1", "1.5", "1e3",
            "99999999999999999999");
    private static final String PROMPT = "{\"userPrompt\": \"Summarize {{content}}\", \"variables\": {\"content\": \"x\"}}";
    private static final String EVAL = """
            {"userPrompt": "x", "evalDataset": "xsum", "numSamples": 1, "scoringFunctions": ["accuracy"]}""";

    private static LambdaHttp http;
    private static String bearer;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("PromptLabFunction");
        bearer = PromptLabProjectsIT.token(http, "plid-" + UUID.randomUUID());
        var created = http.send(request("POST", "/api/projects").bearer(bearer).json(PromptLabProjectsIT.CAMEL_BODY));
        assertEquals(201, created.status(), created.body());
        var saved = http.send(request("POST", "/api/projects/1/history").bearer(bearer).json(PROMPT));
        assertEquals(201, saved.status(), saved.body());
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response send(String method, String path, String body) {
        var event = request(method, path).bearer(bearer);
        return http.send(body == null ? event : event.json(body));
    }

    private static void assertNotFound(LambdaHttp.Response response, String detail, String route) {
        assertEquals(404, response.status(), route + ": " + response.body());
        assertEquals(Map.of("detail", detail), response.map(), route);
    }

    @Test
    void a_malformed_project_id_is_404_project_not_found_on_every_route_that_takes_one() {
        List<String[]> routes = List.of(
                new String[]{"GET", "", null},
                new String[]{"PUT", "", "{\"name\": \"renamed\"}"},
                new String[]{"DELETE", "", null},
                new String[]{"GET", "/history", null},
                new String[]{"POST", "/history", PROMPT},
                new String[]{"PUT", "/history/1", "{\"rating\": 2}"},
                new String[]{"GET", "/backend-history", null},
                new String[]{"PUT", "/backend-history/1", "{\"is_test\": true}"},
                new String[]{"GET", "/test-settings", null},
                new String[]{"POST", "/test-settings", "{\"user_prompt\": \"x\"}"},
                new String[]{"POST", "/generate", PROMPT},
                new String[]{"POST", "/test-backend", "{\"prompt\": \"Hi\"}"},
                new String[]{"POST", "/eval", EVAL},
                new String[]{"GET", "/evals", null},
                new String[]{"GET", "/eval/6f1c2a9e-1b7d-4c55-9b0e-2f4d8c1e7a10", null},
                new String[]{"GET", "/datasets", null},
                new String[]{"POST", "/datasets/support-faq", "{\"question\": \"q\", \"expected\": \"a\"}"});
        for (String id : MALFORMED_NUMBERS) {
            for (String[] route : routes) {
                String path = "/api/projects/" + id + route[1];
                assertNotFound(send(route[0], path, route[2]), "Project not found", route[0] + " " + path);
            }
        }
        assertEquals("document-summarizer", send("GET", "/api/projects/1", null).get("name"), "nothing was changed");
        assertEquals(1, send("GET", "/api/projects/1/history", null).list().size(), "nothing was saved");
    }

    @Test
    void a_malformed_history_id_is_404_like_an_unknown_one() {
        for (String kind : List.of("history", "backend-history")) {
            assertNotFound(send("PUT", "/api/projects/1/" + kind + "/99", "{\"rating\": 2}"),
                    "History entry not found", kind + "/99");
            for (String id : MALFORMED_NUMBERS) {
                String path = "/api/projects/1/" + kind + "/" + id;
                assertNotFound(send("PUT", path, "{\"rating\": 2}"), "History entry not found", path);
            }
        }
        assertNull(send("GET", "/api/projects/1/history", null).list().get(0).get("rating"), "nothing was rated");
    }

    @Test
    void a_body_error_still_comes_first_for_a_malformed_history_id_as_for_an_unknown_one() {
        for (String id : List.of("99", "x")) {
            var response = send("PUT", "/api/projects/1/history/" + id, "{\"rating\": 9}");
            assertEquals(422, response.status(), id + ": " + response.body());
            assertEquals(Map.of("detail", "Invalid history update: rating must be between 1 and 5"), response.map());
        }
    }

    @Test
    void a_project_name_no_project_can_have_is_404_on_the_prompt_api() {
        for (String name : List.of("no-such-project", "x".repeat(1_100))) {
            for (String suffix : List.of("", "/prod")) {
                String path = "/prompt/" + name + "/llama-3.1-8b-instruct" + suffix;
                assertNotFound(send("GET", path, null), "Project not found", path.substring(0, 30) + suffix);
            }
        }
    }

    @Test
    void a_malformed_evaluation_id_is_404_like_an_unknown_one() {
        for (String id : List.of("no-such-eval", "no!such", "x".repeat(1_100))) {
            assertNotFound(send("GET", "/api/projects/1/eval/" + id, null), "Evaluation not found",
                    "eval/" + id.substring(0, Math.min(id.length(), 20)));
        }
    }
}
