package dev.athanor.promptlab;

import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import dev.athanor.model.promptlab.PromptSettings;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.promptlab.PromptLabProjectsIT.stored;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompt history, backend-test history, the production prompt API, test settings and the delete cascade through
 * the prompt lab's Lambda handler.
 */
@ExtendWith(LocalStackExtension.class)
class PromptLabHistoryIT {

    private static final String SEED_PROMPT = """
            {"userPrompt": "Summarize this document: {{content}}",
             "systemPrompt": "You are a helpful document summarizer", "temperature": 0.7, "maxLen": 1000,
             "topP": 0.9, "topK": 50, "variables": {"content": "Document text here..."},
             "response": "A summary", "rating": 4, "notes": "fine"}""";

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("PromptLabFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private record Team(String id, String bearer) {
    }

    /** A fresh team with project 1, {@code document-summarizer} on {@code llama-3.1-8b-instruct}. */
    private static Team teamWithProject() {
        String team = "plh-" + UUID.randomUUID();
        String bearer = PromptLabProjectsIT.token(http, team);
        var created = http.send(request("POST", "/api/projects").bearer(bearer).json(PromptLabProjectsIT.CAMEL_BODY));
        assertEquals(201, created.status(), created.body());
        return new Team(team, bearer);
    }

    private static LambdaHttp.Response send(Team team, String method, String path, String body) {
        var event = request(method, path).bearer(team.bearer());
        return http.send(body == null ? event : event.json(body));
    }

    private static PromptHistoryEntry backendEntry(Team team, String answer) {
        PromptSettings prompt = new PromptSettings("Help me with {{task}}", null, null, Map.of("task", "debug"),
                0.5, 100, null, null);
        return http.context().getBean(PromptHistoryStore.class).add(TeamId.of(team.id()), Kind.BACKEND,
                new PromptHistoryEntry(0, 1, prompt, answer, null, new PromptHistoryEntry.BackendResult(
                        "http://localhost:8000", 200, 321L, 40L, null), null, null, false, Instant.now()));
    }

    @Test
    void history_saves_a_prompt_with_201_lists_newest_first_and_accepts_snake_case() {
        Team team = teamWithProject();
        var saved = send(team, "POST", "/api/projects/1/history", SEED_PROMPT);
        send(team, "POST", "/api/projects/1/history", "{\"user_prompt\": \"Second\", \"max_len\": 10, "
                + "\"messages\": [{\"role\": \"system\", \"content\": \"s\"}, "
                + "{\"role\": \"user\", \"content\": \"u\"}]}");

        assertEquals(201, saved.status(), saved.body());
        assertEquals(1, saved.get("id"));
        assertEquals(1, saved.get("project_id"));
        assertEquals("Summarize this document: {{content}}", saved.get("user_prompt"));
        assertEquals(1000, saved.get("max_len"));
        assertEquals(Map.of("content", "Document text here..."), saved.get("variables"));
        assertEquals(false, saved.get("is_prod"));
        var listed = send(team, "GET", "/api/projects/1/history", null);
        assertEquals(200, listed.status(), listed.body());
        List<Map<String, Object>> entries = listed.list();
        assertEquals(List.of(2, 1), entries.stream().map(e -> e.get("id")).toList());
        assertEquals(10, entries.get(0).get("max_len"));
        assertEquals(2, ((List<?>) entries.get(0).get("messages")).size());
        assertEquals("A summary", entries.get(1).get("response"));
        Map<String, AttributeValue> item = stored("ATHANOR_DYNAMODB_TABLES_PROMPT_HISTORY", team.id(),
                "p#0000000000000000001#prompt#e#0000000000000000001");
        assertEquals("4", item.get("rating").n());
        assertTrue(item.get("prompt").s().contains("Document text here..."));
    }

    @Test
    void put_history_sets_rating_notes_and_is_prod_and_the_rest_stays() {
        Team team = teamWithProject();
        send(team, "POST", "/api/projects/1/history", SEED_PROMPT);

        var updated = send(team, "PUT", "/api/projects/1/history/1", "{\"rating\": 5, \"is_prod\": true}");
        var notes = send(team, "PUT", "/api/projects/1/history/1", "{\"notes\": \"ship it\"}");

        assertEquals(200, updated.status(), updated.body());
        assertEquals(5, updated.get("rating"));
        assertEquals(true, updated.get("is_prod"));
        assertEquals("fine", updated.get("notes"));
        assertEquals("ship it", notes.get("notes"));
        assertEquals(5, notes.get("rating"));
        Map<String, AttributeValue> item = stored("ATHANOR_DYNAMODB_TABLES_PROMPT_HISTORY", team.id(),
                "p#0000000000000000001#prompt#e#0000000000000000001");
        assertTrue(item.get("marked").bool());
        assertEquals(404, send(team, "PUT", "/api/projects/1/history/9", "{\"rating\": 1}").status());
        assertEquals("History entry not found",
                send(team, "PUT", "/api/projects/1/history/9", "{\"rating\": 1}").get("detail"));
    }

    @Test
    void invalid_history_input_is_422_and_writes_nothing() {
        Team team = teamWithProject();
        send(team, "POST", "/api/projects/1/history", SEED_PROMPT);
        Map<String, String> refused = Map.of(
                "{\"userPrompt\": \"x\", \"temperature\": 2.5}", "temperature must be between 0 and 2",
                "{\"userPrompt\": \"x\", \"maxLen\": -5}", "maxLen must be at least 1",
                "{\"userPrompt\": \"x\", \"rating\": 6}", "rating must be between 1 and 5",
                "{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}", "role must be one of",
                "{\"userPrompt\": \"x\", \"temperature\": \"hot\"}", "temperature must be a number",
                "{\"userPrompt\": \"x\", \"maxLen\": 1.5}", "maxLen must be an integer",
                "{\"userPrompt\": \"x\", \"variables\": [1]}", "variables must be an object",
                "{\"systemPrompt\": \"only a system prompt\"}", "userPrompt is required");
        refused.forEach((body, detail) -> {
            var response = send(team, "POST", "/api/projects/1/history", body);
            assertEquals(422, response.status(), body + " -> " + response.body());
            assertTrue(((String) response.get("detail")).contains(detail), body + " -> " + response.body());
        });
        assertEquals(1, send(team, "GET", "/api/projects/1/history", null).list().size());

        for (String body : List.of("{\"rating\": 0}", "{\"is_prod\": \"yes\"}", "{\"notes\": 3}")) {
            var response = send(team, "PUT", "/api/projects/1/history/1", body);
            assertEquals(422, response.status(), body + " -> " + response.body());
        }
        assertEquals(4, send(team, "GET", "/api/projects/1/history", null).list().get(0).get("rating"));
        assertEquals(404, send(team, "PUT", "/api/projects/1/history/x", "{\"rating\": 2}").status(),
                "a history id that is not an integer names no entry");
    }

    @Test
    void backend_history_lists_what_backend_tests_stored_and_put_sets_is_test() {
        Team team = teamWithProject();
        backendEntry(team, "first answer");
        backendEntry(team, "second answer");

        var listed = send(team, "GET", "/api/projects/1/backend-history", null);
        var updated = send(team, "PUT", "/api/projects/1/backend-history/1",
                "{\"rating\": 5, \"notes\": \"Excellent debugging response\", \"is_test\": true}");

        assertEquals(200, listed.status(), listed.body());
        List<Map<String, Object>> entries = listed.list();
        assertEquals(List.of(2, 1), entries.stream().map(e -> e.get("id")).toList());
        assertEquals("second answer", entries.get(0).get("backend_response"));
        assertEquals(200, entries.get(0).get("status_code"));
        assertEquals(321, entries.get(0).get("response_time_ms"));
        assertEquals("http://localhost:8000", entries.get(0).get("test_backend_url"));
        assertEquals(200, updated.status(), updated.body());
        assertEquals(true, updated.get("is_test"));
        assertEquals("Excellent debugging response", updated.get("notes"));
        assertTrue(stored("ATHANOR_DYNAMODB_TABLES_PROMPT_HISTORY", team.id(),
                "p#0000000000000000001#backend#e#0000000000000000001").get("marked").bool());
        assertEquals(List.of(), send(team, "GET", "/api/projects/1/history", null).list(), "kinds stay apart");
        assertEquals(422, send(team, "PUT", "/api/projects/1/backend-history/1", "{\"rating\": 9}").status());
        assertEquals(404, send(team, "PUT", "/api/projects/1/backend-history/3", "{\"rating\": 2}").status());
    }

    @Test
    void the_prompt_api_serves_the_latest_entry_and_the_latest_production_one() {
        Team team = teamWithProject();
        String path = "/prompt/document-summarizer/llama-3.1-8b-instruct";
        var none = send(team, "GET", path, null);
        assertEquals(404, none.status(), none.body());
        assertEquals("No prompt history found for this project", none.get("detail"));

        send(team, "POST", "/api/projects/1/history", SEED_PROMPT.replace("\"notes\"", "\"is_prod\": true, \"notes\""));
        send(team, "POST", "/api/projects/1/history", "{\"userPrompt\": \"Newest {{content}}\", \"temperature\": 1}");

        var latest = send(team, "GET", path, null);
        var prod = send(team, "GET", path + "/prod", null);

        assertEquals(200, latest.status(), latest.body());
        assertEquals("Newest {{content}}", latest.get("userPrompt"));
        assertEquals(false, latest.get("is_prod"));
        assertEquals(200, prod.status(), prod.body());
        assertEquals(List.of("userPrompt", "systemPrompt", "temperature", "maxLen", "topP", "topK", "variables",
                "is_prod", "source", "commit_sha"), List.copyOf(prod.map().keySet()));
        assertEquals("Summarize this document: {{content}}", prod.get("userPrompt"));
        assertEquals("You are a helpful document summarizer", prod.get("systemPrompt"));
        assertEquals(0.7, prod.get("temperature"));
        assertEquals(1000, prod.get("maxLen"));
        assertEquals(50, prod.get("topK"));
        assertEquals(Map.of("content", "Document text here..."), prod.get("variables"));
        assertEquals(false, prod.get("is_prod"), "served from the database, not a reviewed file from Git");
        assertEquals("database", prod.get("source"));
        assertEquals(null, prod.get("commit_sha"));

        var otherModel = send(team, "GET", "/prompt/document-summarizer/gpt-4o", null);
        assertEquals(404, otherModel.status());
        assertEquals("Project not found", otherModel.get("detail"));
        assertEquals(404, send(team, "GET", "/prompt/nothing/llama-3.1-8b-instruct/prod", null).status());
    }

    @Test
    void prod_without_a_production_entry_is_404_with_a_detail() {
        Team team = teamWithProject();
        send(team, "POST", "/api/projects/1/history", SEED_PROMPT);

        var prod = send(team, "GET", "/prompt/document-summarizer/llama-3.1-8b-instruct/prod", null);

        assertEquals(404, prod.status(), prod.body());
        assertEquals("No production prompt found for this project", prod.get("detail"));
    }

    @Test
    void test_settings_start_from_the_project_and_a_save_replaces_them() {
        Team team = teamWithProject();
        var initial = send(team, "GET", "/api/projects/1/test-settings", null);
        assertEquals(200, initial.status(), initial.body());
        assertEquals("http://localhost:8000", initial.get("test_backend_url"));
        assertNull(initial.get("user_prompt"));
        assertEquals(Map.of(), initial.get("variables"));

        var saved = send(team, "POST", "/api/projects/1/test-settings", """
                {"test_backend_url": "http://localhost:8001", "user_prompt": "Debug {{code_type}} code: {{code}}",
                 "system_prompt": "You are an expert code debugger",
                 "variables": {"code_type": "Python", "code": "example code here"},
                 "temperature": 0.8, "max_len": 1000}""");
        var read = send(team, "GET", "/api/projects/1/test-settings", null);

        assertEquals(200, saved.status(), saved.body());
        assertEquals(List.of("test_backend_url", "user_prompt", "system_prompt", "variables", "temperature",
                "max_len", "top_p", "top_k", "source", "commit_sha"), List.copyOf(read.map().keySet()));
        assertEquals("database", read.get("source"), "the team has no Git sign-in");
        assertEquals("http://localhost:8001", read.get("test_backend_url"));
        assertEquals("Debug {{code_type}} code: {{code}}", read.get("user_prompt"));
        assertEquals(1000, read.get("max_len"));
        assertNull(read.get("top_p"));
        assertEquals("Python", ((Map<?, ?>) read.get("variables")).get("code_type"));
        assertFalse(stored("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS", team.id(), "settings#0000000000000000001")
                .isEmpty());
        var bad = send(team, "POST", "/api/projects/1/test-settings", "{\"temperature\": 5, \"test_backend_url\": 1}");
        assertEquals(422, bad.status(), bad.body());
        assertEquals(0.8, send(team, "GET", "/api/projects/1/test-settings", null).get("temperature"));
    }

    @Test
    void test_settings_with_a_url_that_may_not_be_called_are_422_and_keep_what_was_saved() {
        Team team = teamWithProject();
        send(team, "POST", "/api/projects/1/test-settings", "{\"test_backend_url\": \"http://localhost:8001\", "
                + "\"user_prompt\": \"kept\"}");
        for (String url : PromptLabProjectsIT.METADATA_URLS) {
            var refused = send(team, "POST", "/api/projects/1/test-settings", "{\"test_backend_url\": \"" + url
                    + "\", \"user_prompt\": \"changed\"}");
            assertEquals(422, refused.status(), url + " -> " + refused.body());
            assertEquals("Invalid test settings: test_backend_url must not point at a link-local or metadata address",
                    refused.get("detail"), url);
        }
        var ftp = send(team, "POST", "/api/projects/1/test-settings", "{\"test_backend_url\": \"ftp://x.example\"}");
        assertEquals("Invalid test settings: test_backend_url must be an http or https URL", ftp.get("detail"));
        var read = send(team, "GET", "/api/projects/1/test-settings", null);
        assertEquals("http://localhost:8001", read.get("test_backend_url"));
        assertEquals("kept", read.get("user_prompt"));
    }

    @Test
    void deleting_a_project_removes_its_history_backend_tests_and_settings() {
        Team team = teamWithProject();
        send(team, "POST", "/api/projects/1/history", SEED_PROMPT);
        backendEntry(team, "answer");
        send(team, "POST", "/api/projects/1/test-settings", "{\"user_prompt\": \"x\"}");

        var deleted = send(team, "DELETE", "/api/projects/1", null);

        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("Project deleted successfully", deleted.get("message"));
        for (var key : List.of(Map.entry("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS", "project#0000000000000000001"),
                Map.entry("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS", "name#document-summarizer"),
                Map.entry("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS", "settings#0000000000000000001"),
                Map.entry("ATHANOR_DYNAMODB_TABLES_PROMPT_HISTORY",
                        "p#0000000000000000001#prompt#e#0000000000000000001"),
                Map.entry("ATHANOR_DYNAMODB_TABLES_PROMPT_HISTORY",
                        "p#0000000000000000001#backend#e#0000000000000000001"))) {
            assertTrue(stored(key.getKey(), team.id(), key.getValue()).isEmpty(), key.getValue() + " remains");
        }
        assertEquals(404, send(team, "GET", "/api/projects/1", null).status());
        assertEquals(404, send(team, "GET", "/api/projects/1/history", null).status());
        var recreated = send(team, "POST", "/api/projects", PromptLabProjectsIT.CAMEL_BODY);
        assertEquals(2, recreated.get("id"), "ids are not reused");
        assertEquals(List.of(), send(team, "GET", "/api/projects/2/history", null).list());
    }

    @Test
    void another_teams_token_gets_404_on_every_project_route() {
        Team owner = teamWithProject();
        send(owner, "POST", "/api/projects/1/history",
                SEED_PROMPT.replace("\"notes\"", "\"is_prod\": true, \"notes\""));
        backendEntry(owner, "answer");
        Team intruder = new Team("intruder-" + UUID.randomUUID(), PromptLabProjectsIT.token(http,
                "intruder-" + UUID.randomUUID()));

        List<String[]> routes = List.of(
                new String[]{"GET", "/api/projects/1/history", null},
                new String[]{"POST", "/api/projects/1/history", SEED_PROMPT},
                new String[]{"PUT", "/api/projects/1/history/1", "{\"rating\": 1}"},
                new String[]{"GET", "/api/projects/1/backend-history", null},
                new String[]{"PUT", "/api/projects/1/backend-history/1", "{\"is_test\": true}"},
                new String[]{"GET", "/api/projects/1/test-settings", null},
                new String[]{"POST", "/api/projects/1/test-settings", "{\"user_prompt\": \"x\"}"},
                new String[]{"GET", "/prompt/document-summarizer/llama-3.1-8b-instruct", null},
                new String[]{"GET", "/prompt/document-summarizer/llama-3.1-8b-instruct/prod", null});
        for (String[] route : routes) {
            var response = send(intruder, route[0], route[1], route[2]);
            assertEquals(404, response.status(), route[0] + " " + route[1] + ": " + response.body());
            assertEquals("Project not found", response.get("detail"), route[1]);
        }
        var entry = send(owner, "GET", "/api/projects/1/history", null).list().get(0);
        assertEquals(4, entry.get("rating"));
        assertEquals(1, send(owner, "GET", "/api/projects/1/history", null).list().size());
        assertEquals(false, send(owner, "GET", "/api/projects/1/backend-history", null).list().get(0).get("is_test"));
    }
}
