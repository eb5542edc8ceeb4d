package dev.athanor.local.platform;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each of the prompt lab Quick Start's curl commands answered, checked in document order: the status curl
 * wrote to stderr and every field of the body it printed.
 */
final class QuickStartAnswers {

    private final JsonMapper json;
    private final List<ExampleRuns.Run> runs;
    private final String backendUrl;

    QuickStartAnswers(JsonMapper json, List<ExampleRuns.Run> runs, String backendUrl) {
        this.json = json;
        this.runs = runs;
        this.backendUrl = backendUrl;
    }

    /** 2. projects and models; 3. the latest prompt; 4. the production prompt. */
    void projectsAndPrompts() {
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("id", 1);
        project.put("name", "document-summarizer");
        project.put("provider_id", "llama-3.1-8b-instruct");
        project.put("llamastack_url", null);
        project.put("git_repo_url", null);
        assertEquals(Map.of("projects", List.of(project)), object(0, 200));
        Map<String, Object> latest = object(1, 200);
        assertEquals(fromDatabase(Map.of("userPrompt", "Summarize this document: {{content}}",
                "systemPrompt", "You are a helpful document summarizer", "temperature", 0.7, "maxLen", 1000,
                "topP", 0.9, "topK", 50, "variables", Map.of("content", "Document text here..."), "is_prod", false)),
                latest);
        // the project has no repository: its production prompt comes from the database, which is_prod tells
        assertEquals(fromDatabase(Map.of("userPrompt", "Summarize this document: {{content}}",
                "systemPrompt", "You are a production-ready document summarizer", "temperature", 0.6, "maxLen", 800,
                "topP", 0.85, "topK", 40, "variables", Map.of("content", "Document text here..."), "is_prod", false)),
                object(2, 200));
    }

    /** 5. and 5.1. two backend tests; 5.2. their history; 5.3. one rated and marked. */
    void backendTests() {
        for (int i = 3; i <= 4; i++) {
            List<Map<String, Object>> events = events(i);
            assertEquals("status", events.get(0).get("type"), runs.get(i).toString());
            assertEquals(List.of(Map.of("type", "token", "content", "Set a breakpoint on the failing line.")),
                    events.subList(1, events.size() - 1), runs.get(i).toString());
            Map<String, Object> done = events.get(events.size() - 1);
            assertEquals("done", done.get("type"), runs.get(i).toString());
            assertEquals(200, done.get("status_code"));
            assertEquals(i - 2, done.get("history_id"));
            assertTrue(done.get("response_time") instanceof Number && done.get("time_to_first_byte") instanceof Number,
                    done.toString());
        }
        List<Map<String, Object>> history = list(5, 200);
        assertEquals(List.of(2, 1), history.stream().map(h -> h.get("id")).toList(), history.toString());
        assertEquals(List.of("Debug this Python code: {{code}}", "Help me with {{task}}"),
                history.stream().map(h -> h.get("user_prompt")).toList());
        assertEquals(Map.of("task", "Python debugging"), history.get(1).get("variables"));
        for (Map<String, Object> test : history) {
            assertEquals(1, test.get("project_id"), test.toString());
            assertEquals("Set a breakpoint on the failing line.", test.get("backend_response"), test.toString());
            assertEquals(backendUrl, test.get("test_backend_url"), test.toString());
            assertEquals(200, test.get("status_code"), test.toString());
            assertEquals(null, test.get("error_message"), test.toString());
            assertEquals(false, test.get("is_test"), test.toString());
        }
        Map<String, Object> rated = object(6, 200);
        assertEquals(1, rated.get("id"));
        assertEquals(5, rated.get("rating"));
        assertEquals("Excellent debugging response", rated.get("notes"));
        assertEquals(true, rated.get("is_test"));
    }

    /** 6. and 6.1. streamed generations, each kept in the prompt history. */
    void generations() {
        for (int i = 8; i <= 9; i++) {
            List<Map<String, Object>> events = events(i);
            assertEquals("status", events.get(0).get("type"), runs.get(i).toString());
            List<Object> tokens = events.stream().filter(e -> "token".equals(e.get("type")))
                    .map(e -> e.get("content")).toList();
            assertEquals(String.join("", VendorStubs.STORY), String.join("", tokens.stream().map(String::valueOf).toList()),
                    runs.get(i).toString());
            Map<String, Object> done = events.get(events.size() - 1);
            assertEquals("done", done.get("type"), runs.get(i).toString());
            assertEquals(i - 5, done.get("history_id"), "after the two entries made first: " + done);
            assertEquals("stop", done.get("finish_reason"));
            assertEquals(11, done.get("prompt_tokens"));
            assertEquals(9, done.get("completion_tokens"));
            assertEquals(20, done.get("total_tokens"));
        }
    }

    /** 7. and 7.1. evaluations accepted; returns their ids. */
    List<String> evaluations() {
        List<String> ids = new ArrayList<>();
        List<Object[]> expected = List.of(new Object[] {10, "xsum", 10, "Summarize: {{text}}"},
                new Object[] {11, "custom_evaluation_set", 3, "Rate the quality of this summary: {{summary}}"});
        for (Object[] row : expected) {
            int i = (int) row[0];
            Map<String, Object> accepted = object(i, 202);
            assertNotNull(accepted.get("eval_id"), accepted.toString());
            assertEquals("running", accepted.get("status"));
            assertEquals(row[1], accepted.get("eval_dataset"));
            assertEquals(row[2], accepted.get("num_samples"), accepted.toString());
            assertEquals("llama-3.1-8b-instruct", accepted.get("model"));
            assertEquals("llama-3.1-8b-instruct", accepted.get("judge_model"));
            ids.add(String.valueOf(accepted.get("eval_id")));
        }
        assertEquals(List.of("relevance", "coherence", "conciseness"), object(10, 202).get("scoring_functions"));
        assertEquals(List.of("accuracy", "completeness", "clarity"), object(11, 202).get("scoring_functions"));
        return ids;
    }

    /** 8.1. the settings before any save; 8.2. saved. */
    void testSettings() {
        Map<String, Object> before = object(12, 200);
        assertEquals(backendUrl, before.get("test_backend_url"), before.toString());
        assertEquals(null, before.get("user_prompt"), before.toString());
        Map<String, Object> saved = object(13, 200);
        assertEquals("http://localhost:8000", saved.get("test_backend_url"));
        assertEquals("Debug {{code_type}} code: {{code}}", saved.get("user_prompt"));
        assertEquals("You are an expert code debugger", saved.get("system_prompt"));
        assertEquals(Map.of("code_type", "Python", "code", "example code here"), saved.get("variables"));
        assertEquals(0.8, ((Number) saved.get("temperature")).doubleValue());
        assertEquals(1000, saved.get("max_len"));
    }

    /**
     * 5.4. and 8.3. promote a backend test. The project has no repository: production needs one (a pull request
     * is the review), so 5.4 is 409 saying so; 8.3 saves the test's settings as the test settings in the database.
     */
    void promotionsWithoutRepository() {
        Map<String, Object> prod = object(7, 409);
        assertEquals("Project has no Git repository: set its git_repo_url first", prod.get("detail"));
        Map<String, Object> test = object(14, 200);
        assertEquals("database", test.get("source"), test.toString());
        assertEquals("backend", test.get("history_kind"), test.toString());
        assertEquals(1, test.get("history_id"), test.toString());
    }

    /** 8.4. the working copy of a project without a repository; 8.5. its pull request cache; 8.6. nobody signed in. */
    void gitStatusWithoutSignIn() {
        assertEquals("Project has no Git repository: set its git_repo_url first", object(15, 409).get("detail"));
        assertEquals(Map.of("message", "Pull request cache cleared", "cleared", 0), object(16, 200));
        Map<String, Object> quick = object(17, 200);
        assertEquals(false, quick.get("authenticated"), quick.toString());
        assertEquals(null, quick.get("platform"), quick.toString());
    }

    private static Map<String, Object> fromDatabase(Map<String, Object> config) {
        Map<String, Object> answer = new java.util.HashMap<>(config);
        answer.put("source", "database");
        answer.put("commit_sha", null);
        return answer;
    }

    private Map<String, Object> object(int index, int status) {
        ExampleRuns.Run run = runs.get(index);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(String.valueOf(status), run.stderr().strip(), run.toString());
        try {
            return json.readValue(run.stdout(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("Not a JSON object: " + run, e);
        }
    }

    private List<Map<String, Object>> list(int index, int status) {
        ExampleRuns.Run run = runs.get(index);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(String.valueOf(status), run.stderr().strip(), run.toString());
        try {
            return json.readValue(run.stdout(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new AssertionError("Not a JSON array: " + run, e);
        }
    }

    /** The {@code data:} events of a streamed answer, which must be 200. */
    private List<Map<String, Object>> events(int index) {
        ExampleRuns.Run run = runs.get(index);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("200", run.stderr().strip(), run.toString());
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : run.stdout().lines().toList()) {
            if (line.startsWith("data: ")) {
                try {
                    events.add(json.readValue(line.substring(6), Argument.mapOf(String.class, Object.class)));
                } catch (IOException e) {
                    throw new AssertionError("Not a JSON event: " + line, e);
                }
            }
        }
        assertTrue(events.size() >= 2, run.toString());
        return events;
    }
}
