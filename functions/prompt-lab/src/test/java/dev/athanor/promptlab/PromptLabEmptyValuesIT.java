package dev.athanor.promptlab;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documented bodies keep every key when there is nothing to show: no projects is {@code "projects": []}, and what a
 * project or prompt was given without is {@code null} (an empty set of variables {@code {}}), as the seed's clients
 * index them ({@code response.json()["projects"]}, {@code prompt_config['is_prod']}).
 */
@ExtendWith(LocalStackExtension.class)
class PromptLabEmptyValuesIT {

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("PromptLabFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response send(String bearer, String method, String path, String body) {
        var event = request(method, path).bearer(bearer);
        return http.send(body == null ? event : event.json(body));
    }

    /** A map that may hold nulls, in the order given (alternating keys and values). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void a_team_without_projects_gets_an_empty_projects_list() {
        String team = "ple-" + UUID.randomUUID();
        String bearer = PromptLabProjectsIT.token(http, team);

        var models = send(bearer, "GET", "/api/projects-models", null);
        var debug = send(bearer, "GET", "/api/debug/projects", null);

        assertEquals(200, models.status(), models.body());
        assertEquals("{\"projects\":[]}", models.body());
        assertEquals(200, debug.status(), debug.body());
        assertEquals(ordered("team_id", team, "total_projects", 0, "projects", List.of()), debug.map());
    }

    @Test
    void a_project_and_a_prompt_given_without_optional_values_show_them_as_null() {
        String bearer = PromptLabProjectsIT.token(http, "ple-" + UUID.randomUUID());
        assertEquals(201, send(bearer, "POST", "/api/projects", "{\"name\": \"bare\", \"provider_id\": \"m1\"}")
                .status());
        assertEquals(201, send(bearer, "POST", "/api/projects/1/history", "{\"userPrompt\": \"Hello\"}").status());

        var models = send(bearer, "GET", "/api/projects-models", null);
        var config = send(bearer, "GET", "/prompt/bare/m1", null);

        assertEquals(200, models.status(), models.body());
        assertEquals(ordered("projects", List.of(ordered("id", 1, "name", "bare", "provider_id", "m1",
                "llamastack_url", null, "git_repo_url", null))), models.map());
        assertEquals(200, config.status(), config.body());
        assertEquals(ordered("userPrompt", "Hello", "systemPrompt", null, "temperature", null, "maxLen", null,
                "topP", null, "topK", null, "variables", Map.of(), "is_prod", false, "source", "database", "commit_sha",
                null), config.map());
        assertTrue(config.body().contains("\"variables\":{}"), config.body());
    }
}
