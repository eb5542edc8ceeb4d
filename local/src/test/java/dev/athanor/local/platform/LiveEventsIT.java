package dev.athanor.local.platform;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The orchestrator's live events socket on the local platform as users start it (data under {@code .athanor}), with
 * the JDK's WebSocket client and an OpenAI-compatible vendor (WireMock, the chat-completions wire format) serving
 * every agent's model and the judge's. Gemini's model fails, so a code generation task routed to gemini falls back to
 * claude; the judge scores "draft A" 0.5 and "draft B" 0.95.
 */
class LiveEventsIT {

    private static final String CLAUDE = "claude-sonnet-4-5";
    private static final String GEMINI = "gemini-1.5-flash";
    private static final String COPILOT = "gpt-4.1";
    private static final String JUDGE = "gpt-4o-mini";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).resetOnEachTest(false).build();

    @TempDir
    static Path root;

    private static LocalPlatform platform;
    private static JsonMapper json;
    private static String http;
    private static String ws;

    @BeforeAll
    static void start() throws Exception {
        VENDOR.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson("""
                {"object": "list", "data": [
                  {"id": "%s", "object": "model", "owned_by": "a"}, {"id": "%s", "object": "model", "owned_by": "g"},
                  {"id": "%s", "object": "model", "owned_by": "o"}, {"id": "%s", "object": "model", "owned_by": "o"}]}
                """.formatted(GEMINI, CLAUDE, COPILOT, JUDGE))));
        VENDOR.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo(GEMINI)))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"overloaded\", \"type\": \"server_error\"}}")));
        claudeAnswers("draft A");
        judgeScores("draft A", 0.5);
        judgeScores("draft B", 0.95);
        platform = Main.platform(LocalStackExtension.template(), root.resolve(".athanor"), "it-admin-key", port -> -1,
                Map.of("openai.api.key", "sk-test", "openai.base.url", VENDOR.baseUrl() + "/v1",
                        "athanor.llm.router.max-attempts", 1,
                        // gemini's second failure opens its agent breaker (claude answers between them)
                        "athanor.llm.router.failure-threshold", 2,
                        "athanor.orchestrator.agent-models", Map.of("claude", CLAUDE, "gemini", GEMINI, "copilot", COPILOT),
                        "athanor.orchestrator.judge-model", JUDGE));
        json = platform.surface("orchestrator").context().getBean(JsonMapper.class);
        http = platform.surface("orchestrator").url();
        ws = http.replace("http://", "ws://");
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void a_task_reports_each_iteration_its_agent_switch_and_its_end_in_order_to_its_team_alone() throws Exception {
        String tokenA = platform.token("live-a", "admin").token();
        String tokenB = platform.token("live-b", "admin").token();
        String project = (String) send("POST", "/api/projects", tokenA, "{\"name\": \"Live\"}", 201).get("id");
        send("POST", "/api/hrm/config", tokenA, """
                {"project_id": "%s", "config": {"ml_iteration_prediction": {"max_iterations": 2}}}"""
                .formatted(project), 200);
        String projectB = (String) send("POST", "/api/projects", tokenB, "{\"name\": \"Other\"}", 201).get("id");

        try (SocketClient projectClient = SocketClient.connect(ws + "/ws/project/" + project + "?token=" + tokenA);
             SocketClient teamClient = SocketClient.connect(ws + "/ws?token=" + tokenA);
             SocketClient other = SocketClient.connect(ws + "/ws?token=" + tokenB)) {
            assertStatus(projectClient.next(), "project_" + project);
            assertStatus(teamClient.next(), "global");
            assertStatus(other.next(), "global");
            other.send("{\"type\": \"subscribe\", \"channel\": \"project_" + projectB + "\"}");
            assertEquals("subscribed", map(other.next()).get("type"));

            // the first run: two iterations by claude (gemini fails), both judged 0.5 under the gate: it fails
            String task = (String) send("POST", "/api/orchestration/execute", tokenA, """
                    {"prompt": "Write a parser", "task_type": "code_generation", "project_id": "%s"}"""
                    .formatted(project), 202).get("task_id");
            List<Map<String, Object>> first = events(projectClient.until(m -> isEnd(m, task)));
            assertEquals(List.of("task_update:pending", "agent_switch", "task_update:in_progress",
                    "hrm_impact_update", "hrm_checkpoint_reached", "feedback_loop", "task_update:in_progress",
                    "task_update:in_progress", "hrm_impact_update", "hrm_checkpoint_reached", "hrm_checkpoint_reached",
                    "task_update:failed"), kinds(first));
            first.forEach(e -> assertEquals(task, e.get("task_id"), e.toString()));
            Map<String, Object> fallback = first.get(1);
            assertEquals("gemini", fallback.get("from_agent"));
            assertEquals("claude", fallback.get("to_agent"));
            assertEquals("agent_unavailable", fallback.get("reason"));
            assertEquals(1, first.get(2).get("current_iteration"));
            assertEquals(List.of("Improve draft A"), first.get(5).get("suggestions"));
            assertEquals(0.5, first.get(6).get("current_quality"));
            assertEquals(2, first.get(7).get("current_iteration"));
            assertEquals(Map.of("progress", 1.0, "quality", 0.5, "passed", false, "suggestions",
                    List.of("Improve draft A")), first.get(10).get("checkpoint"));
            assertEquals(2, first.get(11).get("current_iteration"));
            assertEquals(first.size(), first.stream().map(e -> e.get("event_id")).distinct().count());

            // the second run, watched on the task's own channel: claude's next draft passes
            claudeAnswers("draft B");
            try (SocketClient taskClient = SocketClient.connectWithProtocol(ws + "/ws/task/" + task, tokenA)) {
                assertEquals("bearer", taskClient.subprotocol());
                assertStatus(taskClient.next(), "task_" + task);
                send("POST", "/api/tasks/" + task + "/retry", tokenA, null, 200);
                List<Map<String, Object>> second = events(taskClient.until(m -> isEnd(m, task)));
                assertEquals(List.of("task_update:pending", "agent_switch", "task_update:in_progress",
                        "hrm_impact_update", "hrm_checkpoint_reached", "task_update:completed"), kinds(second));
                Map<String, Object> end = second.get(5);
                assertEquals(2, end.get("run"));
                assertEquals(0.95, end.get("current_quality"));
                assertEquals(0.95, end.get("final_quality"));
                // the project's client heard the same run, in the same order
                assertEquals(kinds(second), kinds(events(projectClient.until(m -> isEnd(m, task)))));
            }

            // the team heard gemini's agent breaker open on its second failure
            Map<String, Object> alert = map(teamClient.until(m -> "system_alert".equals(map(m).get("type")))
                    .stream().reduce((a, b) -> b).orElseThrow());
            assertEquals("Circuit breaker OPEN for agent 'gemini'", alert.get("message"));
            assertEquals("warning", alert.get("severity"));
            assertEquals("agent:gemini", alert.get("breaker"));

            // the other team heard nothing of it: its next message is the answer to its ping
            other.send("{\"type\": \"ping\"}");
            assertEquals("pong", map(other.next()).get("type"));
            // and may not listen to the task, by subscribing or by connecting
            other.send("{\"type\": \"subscribe\", \"channel\": \"task_" + task + "\"}");
            Map<String, Object> refused = map(other.next());
            assertEquals("error", refused.get("type"));
            assertEquals("task_" + task, refused.get("channel"));
            assertEquals(404, SocketClient.refusal(ws + "/ws/task/" + task + "?token=" + tokenB));
        }
    }

    @Test
    void hrm_changes_reach_the_project_s_clients() throws Exception {
        String token = platform.token("live-hrm", "admin").token();
        String project = (String) send("POST", "/api/projects", token, "{\"name\": \"Tuned\"}", 201).get("id");
        try (SocketClient client = SocketClient.connect(ws + "/ws/project/" + project + "?token=" + token)) {
            assertStatus(client.next(), "project_" + project);

            Map<String, Object> applied = send("POST", "/api/hrm/config", token, """
                    {"project_id": "%s", "config": {"agent_switching": {"cost_ceiling": 3.5}}}""".formatted(project), 200);
            Map<String, Object> update = map(client.next());
            assertEquals("hrm_config_update", update.get("type"));
            assertEquals(project, update.get("project_id"));
            assertEquals(applied.get("config_id"), update.get("config_id"));
            assertEquals(3.5, ((Map<?, ?>) ((Map<?, ?>) update.get("config")).get("agent_switching")).get("cost_ceiling"));
            assertEquals(applied.get("impact_estimate"), update.get("impact"));
            assertNotNull(update.get("event_id"));

            send("POST", "/api/hrm/config/presets/cost_optimized/apply?project_id=" + project, token, null, 200);
            assertEquals("hrm_config_update", map(client.next()).get("type"));
            Map<String, Object> preset = map(client.next());
            assertEquals("hrm_preset_applied", preset.get("type"));
            assertEquals(project, preset.get("project_id"));
            assertEquals("cost_optimized", preset.get("preset_name"));
            assertEquals(5, ((Map<?, ?>) ((Map<?, ?>) preset.get("config")).get("ml_iteration_prediction"))
                    .get("max_iterations"));
        }
    }

    @Test
    void bad_frames_are_answered_on_the_socket_and_an_oversized_one_closes_it_with_1009() throws Exception {
        String token = platform.token("live-frames", "member").token();
        assertEquals(401, SocketClient.refusal(ws + "/ws?token=forged." + token));
        assertEquals(404, SocketClient.refusal(ws + "/ws/project/not-a-project!?token=" + token));
        try (SocketClient client = SocketClient.connect(ws + "/ws?token=" + token)) {
            assertStatus(client.next(), "global");
            client.send("not json");
            assertEquals("error", map(client.next()).get("type"));
            client.send("{\"type\": \"shout\"}");
            Map<String, Object> unknown = map(client.next());
            assertEquals("error", unknown.get("type"));
            assertTrue(((String) unknown.get("message")).contains("shout"), unknown.toString());
            client.send("{\"type\": \"subscribe\"}");
            assertEquals("error", map(client.next()).get("type"));
            client.send("{\"type\": \"ping\"}");
            assertEquals("pong", map(client.next()).get("type"));

            Map<String, Object> health = send("GET", "/api/ws/health", token, null, 200);
            assertEquals("healthy", health.get("status"));
            Map<?, ?> nativeWs = (Map<?, ?>) health.get("native_ws");
            assertEquals(1, nativeWs.get("total_connections"));
            assertEquals(List.of("global"), nativeWs.get("channels"));
            assertEquals(Map.of("global", 1), nativeWs.get("channel_counts"));
            assertEquals(Map.of("enabled", false, "status", "not_supported"), health.get("socket_io"));

            client.send("{\"type\": \"ping\", \"pad\": \"" + "x".repeat(20_000) + "\"}");
            assertEquals(1009, client.closeCode());
        }
    }

    @Test
    void without_credentials_the_seed_example_connects_as_the_local_team() throws Exception {
        try (SocketClient client = SocketClient.connect(ws + "/ws")) {
            assertStatus(client.next(), "global");
        }
    }

    private static void claudeAnswers(String text) {
        VENDOR.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(10)
                .withRequestBody(matchingJsonPath("$.model", equalTo(CLAUDE)))
                .willReturn(okJson(completion(CLAUDE, text))));
    }

    private static void judgeScores(String text, double quality) {
        VENDOR.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
                .withRequestBody(matchingJsonPath("$.model", equalTo(JUDGE)))
                .withRequestBody(containing(text))
                .willReturn(okJson(completion(JUDGE, "{\\\"quality\\\": " + quality
                        + ", \\\"tests_passing\\\": true, \\\"security_issues\\\": 0, \\\"feedback\\\": \\\"Improve "
                        + text + "\\\"}"))));
    }

    private static String completion(String model, String escapedContent) {
        return """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1767225600, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}}
                """.formatted(model, escapedContent);
    }

    private static boolean isEnd(String message, String task) {
        Map<String, Object> event = map(message);
        return "task_update".equals(event.get("type")) && task.equals(event.get("task_id"))
                && List.of("completed", "failed").contains(event.get("status"));
    }

    private static List<Map<String, Object>> events(List<String> messages) {
        return messages.stream().map(LiveEventsIT::map).toList();
    }

    private static List<String> kinds(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("type") + (e.get("type").equals("task_update") ? ":" + e.get("status")
                : "")).toList();
    }

    private static void assertStatus(String message, String channel) {
        Map<String, Object> status = map(message);
        assertEquals("connection_status", status.get("type"));
        assertEquals(true, status.get("connected"));
        assertEquals(channel, status.get("channel"));
        assertNotNull(status.get("timestamp"));
    }

    private static Map<String, Object> map(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    private static Map<String, Object> send(String method, String path, String token, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body().isEmpty() ? Map.of() : map(response.body());
    }
}
