package dev.athanor.orchestrator.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.model.pipeline.ExecutionStatus;
import dev.athanor.orchestrator.execution.OrchestrationTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.CLAUDE;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.COMPLETIONS;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.COPILOT;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.GEMINI;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.JUDGE;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.list;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executing tasks end to end: one iteration routed by task type, agents' circuit breakers and fallback, tasks that
 * iterate on the pipeline engine until their quality passes (switching agent on a quality drop), cancel between
 * iterations, retry of a failed task, and an HRM preset applied to a running task.
 */
@ExtendWith(LocalStackExtension.class)
class OrchestrationIT {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static OrchestrationTesting orch;

    @BeforeAll
    static void start() {
        orch = new OrchestrationTesting(VENDOR);
    }

    @AfterAll
    static void stop() {
        orch.close();
    }

    @BeforeEach
    void vendor() {
        VENDOR.resetAll();
        orch.vendorModels();
    }

    private Map<String, Object> task(Caller caller, String id) {
        LambdaHttp.Response read = orch.send(caller, "GET", "/api/tasks/" + id, null);
        assertEquals(200, read.status(), read.body());
        return read.map();
    }

    private List<Map<String, Object>> iterations(Caller caller, String id) {
        LambdaHttp.Response read = orch.send(caller, "GET", "/api/tasks/" + id + "/iterations", null);
        assertEquals(200, read.status(), read.body());
        return list(read.list());
    }

    private String startTask(Caller caller, String project, String body) {
        LambdaHttp.Response started = orch.send(caller, "POST", "/api/orchestration/execute",
                body.replace("{", "{\"project_id\": \"" + project + "\", "));
        assertEquals(202, started.status(), started.body());
        assertNull(started.get("content"));
        assertEquals("pending", map(started.get("metadata")).get("status"));
        return (String) started.get("task_id");
    }

    @Test
    void one_iteration_is_routed_by_task_type_and_answers_every_documented_field() {
        Caller caller = orch.newCaller();
        orch.agentSays(CLAUDE, "No injection found.");
        orch.agentSays(GEMINI, "def add(a, b):\n    return a + b");
        for (String path : List.of("project/src/auth/login.py", "project/src/app.py", "project/README.md",
                "other/src/stray.py")) {
            assertEquals(201, orch.send(caller, "POST", "/api/agents/files", """
                    {"file_path": "%s", "file_type": "config", "content": "# contents of %s"}"""
                    .formatted(path, path)).status());
        }

        LambdaHttp.Response security = orch.send(caller, "POST", "/api/orchestration/execute", """
                {"prompt": "Review code for security vulnerabilities", "task_type": "security",
                 "files": ["src/**/*.py"], "workspace": "./project", "requires_security": true}""");

        assertEquals(200, security.status(), security.body());
        assertEquals(List.of("task_id", "agent", "content", "tokens", "cost", "duration", "session_id", "timestamp",
                "metadata"), List.copyOf(security.map().keySet()));
        assertEquals("claude", security.get("agent"));
        assertEquals("No injection found.", security.get("content"));
        assertEquals(150, ((Number) security.get("tokens")).intValue());
        assertTrue(((Number) security.get("cost")).doubleValue() > 0, "claude-sonnet-4-5 is priced");
        assertTrue(((String) security.get("session_id")).startsWith("sess_"));
        Map<String, Object> metadata = map(security.get("metadata"));
        assertEquals("task type security routes to claude", metadata.get("routing"));
        assertEquals(CLAUDE, metadata.get("model"));
        assertEquals(false, metadata.get("fallback"));
        assertEquals(List.of(Map.of("agent", "claude", "model", CLAUDE, "outcome", "answered",
                "reason", "task type security routes to claude")), stripNulls(list(metadata.get("attempts"))));
        assertEquals(Map.of("included", List.of("project/src/app.py", "project/src/auth/login.py"),
                "skipped", List.of(), "tokens", 34), metadata.get("context_files"));
        VENDOR.verify(postRequestedFor(urlEqualTo(COMPLETIONS)).withRequestBody(matchingJsonPath("$.model",
                equalTo(CLAUDE))).withRequestBody(containing("# contents of project/src/auth/login.py"))
                .withRequestBody(containing("# contents of project/src/app.py")));
        assertEquals(0, VENDOR.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS))
                .withRequestBody(containing("README.md")).build()).getCount(), "only the files the patterns match");
        assertEquals(0, VENDOR.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS))
                .withRequestBody(containing("stray.py")).build()).getCount(), "only the workspace's files");

        LambdaHttp.Response code = orch.send(caller, "POST", "/api/orchestration/execute",
                "{\"prompt\": \"Test task\", \"task_type\": \"code_generation\"}");
        assertEquals(200, code.status(), code.body());
        assertEquals("gemini", code.get("agent"));
        assertEquals("def add(a, b):\n    return a + b", code.get("content"));
        VENDOR.verify(postRequestedFor(urlEqualTo(COMPLETIONS)).withRequestBody(matchingJsonPath("$.model",
                equalTo(GEMINI))).withRequestBody(containing("Test task")));
    }

    private static List<Map<String, Object>> stripNulls(List<Map<String, Object>> attempts) {
        return attempts.stream().map(a -> {
            Map<String, Object> kept = new java.util.LinkedHashMap<>(a);
            kept.values().removeIf(java.util.Objects::isNull);
            return kept;
        }).toList();
    }

    @Test
    void a_failing_agent_falls_back_and_once_its_breaker_opens_the_next_task_skips_it() {
        Caller caller = orch.newCaller();
        String endpoint = VENDOR.baseUrl() + "/claude-down/v1";
        assertEquals(201, orch.send(caller, "POST", "/api/agents/connections", """
                {"agent_id": "claude_main", "agent_name": "Claude API", "connection_type": "api",
                 "endpoint": "%s", "model": "%s", "api_key": "sk-claude"}""".formatted(endpoint, CLAUDE)).status());
        VENDOR.stubFor(post(urlEqualTo("/claude-down/v1/chat/completions")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": {\"message\": \"overloaded\"}}")));
        orch.agentSays(GEMINI, "Reviewed by the fallback.");
        String body = "{\"prompt\": \"Review auth.py\", \"task_type\": \"security\"}";

        for (int failure = 1; failure <= 2; failure++) {
            LambdaHttp.Response answered = orch.send(caller, "POST", "/api/orchestration/execute", body);
            assertEquals(200, answered.status(), answered.body());
            assertEquals("gemini", answered.get("agent"));
            Map<String, Object> metadata = map(answered.get("metadata"));
            assertEquals(true, metadata.get("fallback"));
            List<Map<String, Object>> attempts = list(metadata.get("attempts"));
            assertEquals(List.of("claude", "gemini"), attempts.stream().map(a -> a.get("agent")).toList());
            assertEquals("failed", attempts.get(0).get("outcome"));
            assertEquals("claude_main", attempts.get(0).get("connection"));
        }
        VENDOR.verify(2, postRequestedFor(urlEqualTo("/claude-down/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-claude")));

        LambdaHttp.Response status = orch.send(caller, "GET", "/api/orchestration/circuit-breaker-status", null);
        assertEquals(200, status.status());
        Map<String, Object> breakers = map(status.get("circuit_breakers"));
        assertEquals(List.of("claude", "gemini", "copilot", "openai", "anthropic", "google", "cursor", "windsurf"),
                List.copyOf(breakers.keySet()));
        Map<String, Object> claude = map(breakers.get("claude"));
        assertEquals("open", claude.get("state"));
        assertEquals(2, ((Number) claude.get("failure_count")).intValue());
        assertNotNull(claude.get("last_failure"));
        assertEquals(Map.of("state", "closed", "failure_count", 0), stripNulls(List.of(map(breakers.get("gemini"))))
                .get(0));
        assertTrue(map(breakers.get("gemini")).containsKey("last_failure"));

        LambdaHttp.Response skipped = orch.send(caller, "POST", "/api/orchestration/execute", body);
        assertEquals(200, skipped.status(), skipped.body());
        assertEquals("gemini", skipped.get("agent"));
        Map<String, Object> first = list(map(skipped.get("metadata")).get("attempts")).get(0);
        assertEquals("skipped", first.get("outcome"));
        assertTrue(((String) first.get("reason")).contains("circuit of agent claude is open"), first.toString());
        VENDOR.verify(2, postRequestedFor(urlEqualTo("/claude-down/v1/chat/completions")));
    }

    @Test
    void a_task_iterates_three_times_until_its_quality_passes_the_gate() {
        Caller caller = orch.newCaller();
        String project = orch.project(caller);
        orch.agentSays(GEMINI, "draft one", "draft two", "draft three");
        orch.judgeScores("draft one", 0.5);
        orch.judgeScores("draft two", 0.7);
        orch.judgeScores("draft three", 0.9);

        String id = startTask(caller, project, "{\"prompt\": \"Write the parser\", \"task_type\": \"code_generation\", "
                + "\"labels\": [\"parser\"], \"issue_number\": 12}");
        Map<String, Object> pending = task(caller, id);
        assertEquals("pending", pending.get("status"));
        assertEquals(7, ((Number) pending.get("max_iterations")).intValue(), "the defaults' max iterations");
        assertTrue(((Number) pending.get("estimated_cost")).doubleValue() > 0);

        orch.drain();

        Map<String, Object> done = task(caller, id);
        assertEquals("completed", done.get("status"), String.valueOf(done.get("error")));
        assertEquals(project, done.get("project_id"));
        assertEquals("Write the parser", done.get("title"));
        assertEquals(List.of("parser"), done.get("labels"));
        assertEquals(12, ((Number) done.get("issue_number")).intValue());
        assertEquals("gemini", done.get("assigned_agent"));
        assertEquals(0, ((Number) done.get("agent_switches")).intValue());
        assertEquals(3, ((Number) done.get("current_iteration")).intValue());
        assertEquals(0.9, ((Number) done.get("current_quality")).doubleValue());
        assertEquals(0.9, ((Number) done.get("final_quality")).doubleValue());
        assertEquals(true, done.get("tests_passing"));
        assertEquals(0, ((Number) done.get("security_issues")).intValue());
        assertNotNull(done.get("started_at"));
        assertNotNull(done.get("completed_at"));
        assertTrue(((Number) done.get("duration_seconds")).doubleValue() >= 0);
        assertTrue(((Number) done.get("actual_cost")).doubleValue() > 0);
        assertNull(done.get("error"));

        List<Map<String, Object>> iterations = iterations(caller, id);
        assertEquals(List.of(0.5, 0.7, 0.9), iterations.stream().map(i -> ((Number) i.get("quality")).doubleValue())
                .toList());
        assertEquals(List.of("draft one", "draft two", "draft three"), iterations.stream().map(i -> i.get("content"))
                .toList());
        assertEquals("Improve draft one", iterations.get(0).get("feedback"));
        double cost = iterations.stream().mapToDouble(i -> ((Number) i.get("cost")).doubleValue()).sum();
        assertEquals(cost, ((Number) done.get("actual_cost")).doubleValue(), 1e-6);
        // the second iteration was asked to improve on the first with the judge's feedback
        VENDOR.verify(postRequestedFor(urlEqualTo(COMPLETIONS)).withRequestBody(matchingJsonPath("$.model",
                equalTo(GEMINI))).withRequestBody(containing("draft one")).withRequestBody(
                containing("Improve draft one")));
        assertEquals(ExecutionStatus.SUCCEEDED, orch.worker.getBean(PipelineEngine.class)
                .find(caller.team(), TaskPipeline.executionId(id, 1)).orElseThrow().execution().status());
    }

    @Test
    void a_quality_drop_switches_to_the_next_agent_which_finishes_the_task() {
        Caller caller = orch.newCaller();
        String project = orch.project(caller);
        orch.agentSays(GEMINI, "gemini first", "gemini worse");
        orch.agentSays(CLAUDE, "claude rewrite");
        orch.judgeScores("gemini first", 0.6);
        orch.judgeScores("gemini worse", 0.3);
        orch.judgeScores("claude rewrite", 0.8);

        String id = startTask(caller, project, "{\"prompt\": \"Generate the client\", \"task_type\": \"code_generation\"}");
        orch.drain();

        Map<String, Object> done = task(caller, id);
        assertEquals("completed", done.get("status"), String.valueOf(done.get("error")));
        assertEquals("claude", done.get("assigned_agent"));
        assertEquals(1, ((Number) done.get("agent_switches")).intValue());
        assertEquals(0.8, ((Number) done.get("final_quality")).doubleValue());
        List<Map<String, Object>> iterations = iterations(caller, id);
        assertEquals(List.of("gemini", "gemini", "claude"), iterations.stream().map(i -> i.get("agent")).toList());
        assertEquals("switched from gemini to claude: quality dropped from 0.60 to 0.30",
                iterations.get(1).get("note"));
    }

    @Test
    void a_task_cancelled_between_iterations_stops_before_its_next_step() {
        Caller caller = orch.newCaller();
        String project = orch.project(caller);
        orch.agentSays(GEMINI, "never good enough");
        orch.judgeScores("never good enough", 0.4);
        String id = startTask(caller, project, "{\"prompt\": \"Refactor\", \"task_type\": \"code_generation\"}");

        orch.step(); // generate
        orch.step(); // judge: quality 0.4, another iteration is sent
        assertEquals(1, ((Number) task(caller, id).get("current_iteration")).intValue());

        LambdaHttp.Response cancelled = orch.send(caller, "POST", "/api/tasks/" + id + "/cancel", null);
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("failed", cancelled.get("status"));
        assertTrue(((String) cancelled.get("error")).startsWith("Cancelled by "), cancelled.body());
        assertEquals(0.4, ((Number) cancelled.get("final_quality")).doubleValue());
        orch.drain();

        assertEquals(1, orch.calls(GEMINI, "Refactor"), "no iteration after the cancel");
        assertEquals(1, iterations(caller, id).size());
        assertEquals("failed", task(caller, id).get("status"));
        assertEquals(ExecutionStatus.CANCELLED, orch.worker.getBean(PipelineEngine.class)
                .find(caller.team(), TaskPipeline.executionId(id, 1)).orElseThrow().execution().status());
        assertEquals(409, orch.send(caller, "POST", "/api/tasks/" + id + "/cancel", null).status());
    }

    @Test
    void a_failed_task_is_retried_as_a_new_run_that_keeps_the_first_runs_iterations() {
        Caller caller = orch.newCaller();
        String project = orch.project(caller);
        assertEquals(200, orch.send(caller, "POST", "/api/hrm/config", """
                {"project_id": "%s", "config": {"ml_iteration_prediction": {"max_iterations": 2}}}"""
                .formatted(project)).status());
        orch.agentSays(GEMINI, "weak one", "weak two", "strong three");
        orch.judgeScores("weak one", 0.5);
        orch.judgeScores("weak two", 0.5);
        orch.judgeScores("strong three", 0.95);
        String id = startTask(caller, project, "{\"prompt\": \"Document the API\", \"task_type\": \"bulk_analysis\"}");
        orch.drain();

        Map<String, Object> failed = task(caller, id);
        assertEquals("failed", failed.get("status"));
        assertEquals("quality 0.50 under the gate 0.75 after 2 of 2 iterations", failed.get("error"));
        assertEquals(2, ((Number) failed.get("max_iterations")).intValue());
        assertEquals(409, orch.send(caller, "POST", "/api/tasks/" + id + "/cancel", null).status());

        LambdaHttp.Response retried = orch.send(caller, "POST", "/api/tasks/" + id + "/retry", null);
        assertEquals(200, retried.status(), retried.body());
        assertEquals("pending", retried.get("status"));
        assertEquals(2, ((Number) retried.get("runs")).intValue());
        assertNull(retried.get("final_quality"));
        orch.drain();

        Map<String, Object> done = task(caller, id);
        assertEquals("completed", done.get("status"), String.valueOf(done.get("error")));
        assertEquals(0.95, ((Number) done.get("final_quality")).doubleValue());
        assertEquals(1, ((Number) done.get("current_iteration")).intValue());
        List<Map<String, Object>> iterations = iterations(caller, id);
        assertEquals(List.of("1.1", "1.2", "2.1"), iterations.stream().map(i -> i.get("run") + "." + i.get("iteration"))
                .toList());
        assertEquals(409, orch.send(caller, "POST", "/api/tasks/" + id + "/retry", null).status(),
                "only a failed task is retried");
    }

    @Test
    void a_preset_applied_to_a_running_task_steers_its_next_decisions() {
        Caller caller = orch.newCaller();
        String project = orch.project(caller);
        orch.agentSays(GEMINI, "steady");
        orch.judgeScores("steady", 0.72);
        String id = startTask(caller, project, "{\"prompt\": \"Tune it\", \"task_type\": \"code_generation\"}");
        orch.step();
        orch.step();
        assertEquals("in_progress", task(caller, id).get("status"), "0.72 is under the defaults' gate of 0.75");

        LambdaHttp.Response applied = orch.send(caller, "POST", "/api/hrm/config/presets/speed/apply",
                "{\"project_id\": \"" + project + "\", \"task_id\": \"" + id + "\"}");
        assertEquals(200, applied.status(), applied.body());
        orch.drain();

        Map<String, Object> done = task(caller, id);
        assertEquals("completed", done.get("status"), String.valueOf(done.get("error")));
        assertEquals(3, ((Number) done.get("max_iterations")).intValue(), "the speed preset runs 3 fixed iterations");
        assertEquals(3, ((Number) done.get("current_iteration")).intValue(), "fixed: all 3 though 0.72 passes 0.70");
        assertEquals(0.72, ((Number) done.get("final_quality")).doubleValue());
    }

    @Test
    void the_routing_table_is_the_documents_until_the_team_overrides_it() {
        Caller caller = orch.newCaller();
        LambdaHttp.Response table = orch.send(caller, "GET", "/api/orchestration/routing", null);
        assertEquals(200, table.status());
        assertEquals(Map.of("security", "claude", "architecture", "claude", "bulk_analysis", "gemini",
                "github_workflow", "copilot", "code_generation", "gemini", "debugging", "adaptive"),
                table.get("routes"));

        LambdaHttp.Response changed = orch.send(caller, "PUT", "/api/orchestration/routing",
                "{\"routes\": {\"security\": \"gemini\"}}");
        assertEquals(200, changed.status(), changed.body());
        assertEquals(Map.of("security", "gemini"), changed.get("overrides"));
        orch.agentSays(GEMINI, "gemini reviewed");
        LambdaHttp.Response routed = orch.send(caller, "POST", "/api/orchestration/execute",
                "{\"prompt\": \"Audit\", \"task_type\": \"security\"}");
        assertEquals("gemini", routed.get("agent"));
        assertEquals("task type security routes to gemini (the team's routing)",
                map(routed.get("metadata")).get("routing"));

        LambdaHttp.Response bad = orch.send(caller, "PUT", "/api/orchestration/routing",
                "{\"routes\": {\"security\": \"hal9000\", \"poetry\": \"claude\"}}");
        assertEquals(422, bad.status());
        assertTrue(((String) bad.get("detail")).contains("routes.security"), bad.body());
        assertTrue(((String) bad.get("detail")).contains("routes.poetry"), bad.body());
        assertEquals(Map.of("security", "gemini"), orch.send(caller, "GET", "/api/orchestration/routing", null)
                .get("overrides"), "nothing of a refused change is kept");
    }

    @Test
    void debugging_goes_to_the_agent_with_the_best_recent_quality_per_cost_for_that_type() {
        Caller caller = orch.newCaller();
        TaskStore store = orch.http.context().getBean(TaskStore.class);
        Instant now = Instant.now();
        // claude scored higher, but gemini's quality per dollar is far better; a security task's history is not
        // debugging's
        store.create(caller.team(), scored("debugging", now, new TaskIteration(1, 1, "claude", null, CLAUDE, 0.95,
                true, 0, null, 1000, 0.50, 3, null, now)));
        store.create(caller.team(), scored("debugging", now, new TaskIteration(1, 1, "gemini", null, GEMINI, 0.85,
                true, 0, null, 1000, 0.01, 3, null, now)));
        store.create(caller.team(), scored("security", now, new TaskIteration(1, 1, "copilot", null, COPILOT, 1.0,
                true, 0, null, 1000, 0.0, 3, null, now)));
        orch.agentSays(GEMINI, "Found the off-by-one.");

        LambdaHttp.Response routed = orch.send(caller, "POST", "/api/orchestration/execute",
                "{\"prompt\": \"Why does the loop skip the last item?\", \"task_type\": \"debugging\"}");

        assertEquals(200, routed.status(), routed.body());
        assertEquals("gemini", routed.get("agent"));
        assertEquals("task type debugging routes adaptively: gemini had the best quality per cost (quality 0.85 at "
                + "$0.0100 per iteration over 1 iterations)", map(routed.get("metadata")).get("routing"));
    }

    private static OrchestratorTask scored(String taskType, Instant at, TaskIteration iteration) {
        OrchestratorTask.Builder b = new OrchestratorTask(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                null, "Past", "Past", List.of(), TaskStatus.COMPLETED, iteration.agent(), 0, 1, 7, 0.9, 0.9, true, 0,
                at, at, 1.0, 0, 0.5, at, at).change();
        b.taskType = taskType;
        b.iterations.add(iteration);
        return b.build();
    }

    @Test
    void an_agent_without_a_callable_connection_fails_with_the_reason_and_bad_input_is_refused() {
        Caller caller = orch.newCaller();
        assertEquals(201, orch.send(caller, "POST", "/api/agents/connections", """
                {"agent_id": "claude_desktop", "agent_name": "Claude Desktop", "connection_type": "local"}""")
                .status());
        LambdaHttp.Response unusable = orch.send(caller, "POST", "/api/orchestration/execute",
                "{\"prompt\": \"Audit\", \"task_type\": \"architecture\"}");
        assertEquals(503, unusable.status(), unusable.body());
        assertEquals("task type architecture routes to claude, but agent claude has no connection Athanor can call: "
                + "claude_desktop (local); an enabled api connection with a model is needed", unusable.get("detail"));
        assertEquals(0, orch.calls(CLAUDE, "Audit"));

        assertEquals(422, orch.send(caller, "POST", "/api/orchestration/execute", "{\"task_type\": \"security\"}")
                .status());
        LambdaHttp.Response several = orch.send(caller, "POST", "/api/orchestration/execute", """
                {"prompt": "x", "task_type": "poetry", "files": "src", "workspace": "../etc", "requires_security": 1}""");
        assertEquals(422, several.status());
        for (String field : List.of("task_type", "files", "workspace", "requires_security")) {
            assertTrue(((String) several.get("detail")).contains(field), several.body());
        }
        assertEquals(400, orch.send(caller, "POST", "/api/orchestration/execute", "{\"prompt\": ").status());
        assertEquals(404, orch.send(caller, "POST", "/api/orchestration/execute",
                "{\"prompt\": \"x\", \"project_id\": \"8a6e0804-2bd0-4672-b79e-d97358845ce8\"}").status());
        assertEquals(404, orch.send(caller, "POST", "/api/tasks/8a6e0804-2bd0-4672-b79e-d97358845ce8/retry", null)
                .status());
        assertEquals(404, orch.send(caller, "POST", "/api/tasks/not-an-id/cancel", null).status());
        assertEquals(0, orch.calls(JUDGE, "\"x\"") + orch.calls(GEMINI, "\"x\""));
    }

    @Test
    void another_teams_task_cannot_be_read_cancelled_or_retried() {
        Caller owner = orch.newCaller();
        Caller other = orch.newCaller();
        String project = orch.project(owner);
        orch.agentSays(GEMINI, "owned");
        orch.judgeScores("owned", 0.3);
        String id = startTask(owner, project, "{\"prompt\": \"Mine\", \"task_type\": \"code_generation\"}");

        for (String path : List.of("/cancel", "/retry")) {
            LambdaHttp.Response refused = orch.send(other, "POST", "/api/tasks/" + id + path, null);
            assertEquals(404, refused.status());
            assertEquals("Task not found", refused.get("detail"));
        }
        assertEquals(404, orch.send(other, "GET", "/api/tasks/" + id + "/iterations", null).status());
        assertEquals(200, orch.send(owner, "POST", "/api/tasks/" + id + "/cancel", null).status());
        orch.drain();
    }
}
