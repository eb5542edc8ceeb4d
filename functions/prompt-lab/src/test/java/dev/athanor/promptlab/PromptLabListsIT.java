package dev.athanor.promptlab;

import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.EvaluationStore;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import dev.athanor.model.promptlab.PromptSettings;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.PageWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prompt lab's lists a page at a time, through its Lambda handler: a project's prompt history, backend-test
 * history and evaluations (53 of each, in project 1 of one team), and the team's projects (53, in another team).
 */
@ExtendWith(LocalStackExtension.class)
class PromptLabListsIT {

    private static final int ITEMS = 53;
    private static final Instant BASE = Instant.parse("2026-01-15T12:00:00Z");

    private static LambdaHttp http;
    private static String team;
    private static String bearer;
    /** The ids of the prompt entries, evaluations, newest first. */
    private static List<Object> entriesNewestFirst;
    private static List<Object> evaluationsNewestFirst;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("PromptLabFunction");
        team = "pl-lists-" + UUID.randomUUID();
        bearer = PromptLabProjectsIT.token(http, team);
        assertEquals(201, send(bearer, "POST", "/api/projects", PromptLabProjectsIT.CAMEL_BODY).status());
        assertEquals(201, send(bearer, "POST", "/api/projects", "{\"name\": \"second\", \"providerId\": \"m\"}")
                .status());
        PromptHistoryStore history = http.context().getBean(PromptHistoryStore.class);
        EvaluationStore evaluations = http.context().getBean(EvaluationStore.class);
        entriesNewestFirst = new ArrayList<>();
        evaluationsNewestFirst = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            var saved = send(bearer, "POST", "/api/projects/1/history", "{\"userPrompt\": \"Prompt " + i + "\""
                    + (i == 10 || i == 20 ? ", \"is_prod\": true" : "") + "}");
            assertEquals(201, saved.status(), saved.body());
            entriesNewestFirst.add(0, i);
            history.add(TeamId.of(team), Kind.BACKEND, new PromptHistoryEntry(0, 1, new PromptSettings("Test " + i,
                    null, null, Map.of(), null, null, null, null), "answer " + i, null,
                    new PromptHistoryEntry.BackendResult("http://localhost:8000", 200, 10L, 2L, null), null, null,
                    false, BASE.plusSeconds(i)));
            String id = "eval-" + String.format("%02d", i);
            evaluations.create(TeamId.of(team), new Evaluation(id, 1, i % 2 == 0 ? Evaluation.COMPLETED
                    : Evaluation.RUNNING, "qa", 1, List.of("accuracy"), "m", "m", "Q: {{question}}", null, null,
                    null, BASE.plusSeconds(i), null, null));
            evaluationsNewestFirst.add(0, id);
        }
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response send(String bearer, String method, String path, String body) {
        var event = request(method, path).bearer(bearer);
        return http.send(body == null ? event : event.json(body));
    }

    private static LambdaHttp.Response page(String path, String bearer, Integer limit, String cursor) {
        var request = request("GET", path).bearer(bearer);
        if (limit != null) {
            request.query("limit", limit.toString());
        }
        if (cursor != null) {
            request.query("cursor", cursor);
        }
        return http.send(request);
    }

    /** The items' ids: {@code id}, or an evaluation's {@code eval_id}. */
    private static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.containsKey("eval_id") ? item.get("eval_id") : item.get("id")).toList();
    }

    @Test
    void history_backend_history_and_evaluations_without_parameters_are_the_plain_arrays_of_the_50_newest() {
        Map<String, List<Object>> lists = Map.of("/api/projects/1/history", entriesNewestFirst,
                "/api/projects/1/backend-history", entriesNewestFirst, "/api/projects/1/evals", evaluationsNewestFirst);
        lists.forEach((path, expected) -> {
            var first = page(path, bearer, null, null);
            assertEquals(200, first.status(), first.body());
            assertTrue(first.body().startsWith("["), first.body());
            assertEquals(expected.subList(0, 50), ids(first.list()), path);
            var rest = page(path, bearer, null, first.header("X-Next-Cursor"));
            assertEquals(expected.subList(50, ITEMS), ids(rest.list()), path);
            assertNull(rest.header("X-Next-Cursor"), path);
        });
    }

    @Test
    void walking_each_list_shows_every_item_once_newest_first() {
        Map<String, List<Object>> lists = Map.of("/api/projects/1/history", entriesNewestFirst,
                "/api/projects/1/backend-history", entriesNewestFirst, "/api/projects/1/evals", evaluationsNewestFirst);
        lists.forEach((path, expected) -> {
            for (int limit : List.of(1, 7, 200)) {
                List<LambdaHttp.Response> pages = PageWalk.walk(cursor -> page(path, bearer, limit, cursor), limit);
                assertEquals(expected, ids(PageWalk.items(pages)), path + " in pages of " + limit);
                assertEquals((ITEMS + limit - 1) / limit, pages.size(), path + " in pages of " + limit);
            }
        });
        Map<String, Object> entry = page("/api/projects/1/history", bearer, 1, null).list().get(0);
        assertEquals("Prompt 53", entry.get("user_prompt"));
        Map<String, Object> evaluation = page("/api/projects/1/evals", bearer, 1, null).list().get(0); // eval-53
        assertEquals("running", evaluation.get("status"), "a running evaluation without a pipeline run yet");
        assertFalse(evaluation.containsKey("samples"));
    }

    @Test
    void the_prompt_api_reads_the_newest_entry_and_the_newest_production_one() {
        var latest = http.send(request("GET", "/prompt/document-summarizer/llama-3.1-8b-instruct").bearer(bearer));
        assertEquals(200, latest.status(), latest.body());
        assertEquals("Prompt 53", latest.get("userPrompt"));
        var prod = http.send(request("GET", "/prompt/document-summarizer/llama-3.1-8b-instruct/prod").bearer(bearer));
        assertEquals(200, prod.status(), prod.body());
        assertEquals("Prompt 20", prod.get("userPrompt"), "the newest marked, 33 entries down the history");
    }

    @Test
    void a_bad_limit_or_a_cursor_of_another_list_project_or_team_is_422_and_reveals_nothing() {
        for (String path : List.of("/api/projects/1/history", "/api/projects/1/backend-history",
                "/api/projects/1/evals", "/api/projects", "/api/projects-models", "/api/debug/projects")) {
            for (String limit : List.of("0", "201", "x")) {
                var response = http.send(request("GET", path).query("limit", limit).bearer(bearer));
                assertEquals(422, response.status(), path + " " + limit + " -> " + response.body());
                assertTrue(((String) response.get("detail")).startsWith("limit must be a whole number from 1 to 200"),
                        response.body());
            }
        }
        String history = page("/api/projects/1/history", bearer, 2, null).header("X-Next-Cursor");
        String backend = page("/api/projects/1/backend-history", bearer, 2, null).header("X-Next-Cursor");
        String evals = page("/api/projects/1/evals", bearer, 2, null).header("X-Next-Cursor");
        String other = "pl-lists-intruder-" + UUID.randomUUID();
        String intruder = PromptLabProjectsIT.token(http, other);
        assertEquals(201, send(intruder, "POST", "/api/projects", PromptLabProjectsIT.CAMEL_BODY).status());
        List<String[]> refused = List.of(
                new String[]{"/api/projects/1/backend-history", bearer, history},
                new String[]{"/api/projects/1/history", bearer, backend},
                new String[]{"/api/projects/1/history", bearer, evals},
                new String[]{"/api/projects/2/history", bearer, history},
                new String[]{"/api/projects/2/evals", bearer, evals},
                new String[]{"/api/projects", bearer, history},
                new String[]{"/api/projects/1/history", intruder, history},
                new String[]{"/api/projects/1/backend-history", intruder, backend},
                new String[]{"/api/projects/1/evals", intruder, evals});
        for (String[] call : refused) {
            var response = page(call[0], call[1], 5, call[2]);
            assertEquals(422, response.status(), call[0] + " -> " + response.body());
            assertTrue(((String) response.get("detail")).startsWith("cursor is not a cursor this list handed out"),
                    response.body());
            assertFalse(response.body().contains("Prompt ") || response.body().contains("eval-"), response.body());
        }
        assertEquals(List.of(), page("/api/projects/1/history", intruder, null, null).list(),
                "the intruder's own project 1 has no history");
    }

    @Test
    void the_teams_projects_are_listed_by_id_a_page_at_a_time_with_the_directory_and_the_debug_view() {
        String owner = "pl-projects-" + UUID.randomUUID();
        String token = PromptLabProjectsIT.token(http, owner);
        List<Object> names = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            assertEquals(201, send(token, "POST", "/api/projects", "{\"name\": \"project " + i
                    + "\", \"providerId\": \"m\"}").status());
            names.add("project " + i);
        }
        send(token, "POST", "/api/projects/2/history", "{\"userPrompt\": \"a\", \"is_prod\": true}");
        send(token, "POST", "/api/projects/2/history", "{\"userPrompt\": \"b\"}");
        Function<List<Map<String, Object>>, List<Object>> byName = items -> items.stream()
                .map(p -> p.get("name")).toList();

        var first = page("/api/projects", token, null, null);
        assertEquals(names.subList(0, 50), byName.apply(first.list()));
        assertEquals(names.subList(50, ITEMS), byName.apply(page("/api/projects", token, null,
                first.header("X-Next-Cursor")).list()));
        assertEquals(names, byName.apply(PageWalk.items(PageWalk.walk(cursor -> page("/api/projects", token, 6,
                cursor), 6))));

        Function<LambdaHttp.Response, List<Map<String, Object>>> directory = response -> cast(response.get("projects"));
        List<LambdaHttp.Response> models = PageWalk.walk(cursor -> page("/api/projects-models", token, 20, cursor), 20,
                directory);
        assertEquals(3, models.size());
        assertEquals(names, byName.apply(PageWalk.items(models, directory)));

        List<LambdaHttp.Response> debug = PageWalk.walk(cursor -> page("/api/debug/projects", token, 25, cursor), 25,
                directory);
        assertEquals(names, byName.apply(PageWalk.items(debug, directory)));
        debug.forEach(response -> assertEquals(ITEMS, response.get("total_projects"), "the total on every page"));
        Map<String, Object> second = PageWalk.items(debug, directory).get(1);
        assertEquals(2, second.get("history_count"));
        assertEquals(1, second.get("prod_count"));
        assertEquals(0, second.get("backend_history_count"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cast(Object list) {
        return (List<Map<String, Object>>) list;
    }
}
