package dev.athanor.factory;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.core.type.Argument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factory's agents through the Lambda handler: defaults, overrides and resets, validation, teams, test calls. */
@ExtendWith(LocalStackExtension.class)
class AgentsIT {

    static final List<String> AGENT_IDS = List.of("create_agent", "ba_agent", "backend_agent", "architect_agent",
            "uiux_agent", "dev_agent", "qa_agent", "refactor_agent", "repair_agent", "runtime_agent", "security_agent",
            "reviewer_agent", "export_agent");

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static String token(String team) {
        return FactoryTokens.mint(http, team, "member");
    }

    static Map<String, AttributeValue> storedItem(String team, String agentId) {
        String table = LocalStackExtension.stack().functionEnvironment("FactoryFunction")
                .get("ATHANOR_DYNAMODB_TABLES_AGENTS");
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(table)
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS(agentId)))).item();
    }

    private static List<Map<String, Object>> list(LambdaHttp.Response response) {
        try {
            return response.json().readValue(response.body(),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    @Test
    void config_lists_the_thirteen_agents_with_their_defaults_in_the_seed_shape() {
        var response = http.send(request("GET", "/api/agents/config").bearer(token("defaults-team")));

        assertEquals(200, response.status(), response.body());
        List<Map<String, Object>> agents = list(response);
        assertEquals(AGENT_IDS, agents.stream().map(a -> a.get("agent_id")).toList());
        for (Map<String, Object> agent : agents) {
            assertEquals(List.of("agent_id", "name", "model", "system_prompt", "updated_at"),
                    List.copyOf(agent.keySet()));
            assertEquals("sandbox", agent.get("model"));
            assertNull(agent.get("updated_at"), "an agent with its defaults was never changed");
            assertTrue(((String) agent.get("system_prompt")).length() > 500, agent.get("agent_id") + " prompt");
        }
        assertEquals("Dev Agent", agents.get(5).get("name"));
    }

    @Test
    void detail_shows_the_seed_fields() {
        var response = http.send(request("GET", "/api/agents/dev_agent").bearer(token("detail-team")));

        assertEquals(200, response.status(), response.body());
        assertEquals(List.of("agent_id", "name", "type", "status", "model", "system_prompt", "description",
                "updated_at"), List.copyOf(response.map().keySet()));
        assertEquals("dev_agent", response.get("agent_id"));
        assertEquals("Dev Agent", response.get("name"));
        assertEquals("flutter_factory", response.get("type"));
        assertEquals("active", response.get("status"));
        assertEquals("sandbox", response.get("model"));
        assertTrue(((String) response.get("system_prompt")).contains("```dart path=source/lib/main.dart"));
        assertFalse(((String) response.get("description")).isBlank());
    }

    @Test
    void unknown_agents_are_404_on_every_route() {
        String bearer = token("unknown-team");
        List<LambdaHttp.Response> responses = List.of(
                http.send(request("GET", "/api/agents/nobody_agent").bearer(bearer)),
                http.send(request("PATCH", "/api/agents/nobody_agent").bearer(bearer).json("{\"model\": \"gpt-4o\"}")),
                http.send(request("POST", "/api/agents/config/nobody_agent").bearer(bearer)
                        .json("{\"model\": \"gpt-4o\"}")),
                http.send(request("POST", "/api/agents/nobody_agent/test").bearer(bearer)),
                // both templates could match this path; either way there is no such agent
                http.send(request("POST", "/api/agents/config/test").bearer(bearer).json("{\"model\": \"gpt-4o\"}")));
        for (LambdaHttp.Response response : responses) {
            assertEquals(404, response.status(), response.body());
            assertTrue(((String) response.get("detail")).contains("not found"), response.body());
        }
    }

    @Test
    void post_config_overrides_model_and_prompt_and_stores_only_those() {
        String bearer = token("config-team");
        var response = http.send(request("POST", "/api/agents/config/dev_agent").bearer(bearer)
                .json("{\"model\": \"gpt-4o-mini\", \"system_prompt\": \"You are a senior developer...\"}"));

        assertEquals(200, response.status(), response.body());
        assertEquals("gpt-4o-mini", response.get("model"));
        assertEquals("You are a senior developer...", response.get("system_prompt"));
        assertNotNull(response.get("updated_at"));

        var detail = http.send(request("GET", "/api/agents/dev_agent").bearer(bearer));
        assertEquals("gpt-4o-mini", detail.get("model"));
        assertEquals("Dev Agent", detail.get("name"));
        assertEquals(response.get("updated_at"), detail.get("updated_at"));
        var others = list(http.send(request("GET", "/api/agents/config").bearer(bearer)));
        assertEquals("sandbox", others.get(0).get("model"), "other agents keep their defaults");

        Map<String, AttributeValue> item = storedItem("config-team", "dev_agent");
        assertEquals("gpt-4o-mini", item.get("model").s());
        assertEquals("You are a senior developer...", item.get("system_prompt").s());
        assertFalse(item.containsKey("name"), "fields left at their default are not stored: " + item.keySet());
        assertEquals("1", item.get("version").n());
    }

    @Test
    void patch_changes_some_fields_and_null_resets_one_to_its_default() {
        String bearer = token("patch-team");
        var patched = http.send(request("PATCH", "/api/agents/qa_agent").bearer(bearer)
                .json("{\"status\": \"disabled\", \"name\": \"Tester\", \"systemPrompt\": \"Test everything.\"}"));
        assertEquals(200, patched.status(), patched.body());
        assertEquals("disabled", patched.get("status"));
        assertEquals("Tester", patched.get("name"));
        assertEquals("Test everything.", patched.get("system_prompt"));
        assertEquals("sandbox", patched.get("model"));

        var reset = http.send(request("PATCH", "/api/agents/qa_agent").bearer(bearer)
                .json("{\"system_prompt\": null, \"name\": null}"));

        assertEquals(200, reset.status(), reset.body());
        assertEquals("QA Agent", reset.get("name"));
        assertTrue(((String) reset.get("system_prompt")).contains("You are the QA Agent"));
        assertEquals("disabled", reset.get("status"), "fields not named keep their override");
        Map<String, AttributeValue> item = storedItem("patch-team", "qa_agent");
        assertFalse(item.containsKey("system_prompt"), item.keySet().toString());
        assertFalse(item.containsKey("name"), item.keySet().toString());
        assertEquals("disabled", item.get("status").s());
        assertEquals("2", item.get("version").n());
    }

    @Test
    void invalid_changes_are_422_naming_the_field_and_change_nothing() {
        String bearer = token("invalid-agents-team");
        http.send(request("POST", "/api/agents/config/ba_agent").bearer(bearer).json("{\"model\": \"gpt-4o\"}"));

        Map<String, String> bodies = Map.of(
                "{\"model\": \"\"}", "model",
                "{\"system_prompt\": \"" + "p".repeat(32_001) + "\"}", "system_prompt",
                "{\"model\": 42}", "model",
                "{\"model\": \"gpt-4o-mini\", \"system_prompt\": \"   \"}", "system_prompt",
                "{}", "model, system_prompt");
        for (var body : bodies.entrySet()) {
            var response = http.send(request("POST", "/api/agents/config/ba_agent").bearer(bearer).json(body.getKey()));
            assertEquals(422, response.status(), response.body());
            assertTrue(((String) response.get("detail")).contains(body.getValue()), response.body());
        }
        var badStatus = http.send(request("PATCH", "/api/agents/ba_agent").bearer(bearer)
                .json("{\"status\": \"sleeping\"}"));
        assertEquals(422, badStatus.status(), badStatus.body());
        assertTrue(((String) badStatus.get("detail")).contains("status must be one of active, disabled"));
        var noBody = http.send(request("PATCH", "/api/agents/ba_agent").bearer(bearer));
        assertEquals(422, noBody.status(), noBody.body());

        Map<String, AttributeValue> item = storedItem("invalid-agents-team", "ba_agent");
        assertEquals("gpt-4o", item.get("model").s());
        assertEquals("1", item.get("version").n());
    }

    @Test
    void a_team_never_sees_or_changes_another_teams_agents() {
        String teamA = token("agents-a");
        String teamB = token("agents-b");
        http.send(request("PATCH", "/api/agents/architect_agent").bearer(teamA)
                .json("{\"model\": \"claude-sonnet-4-20250514\", \"status\": \"disabled\"}"));

        var readByB = http.send(request("GET", "/api/agents/architect_agent").bearer(teamB));
        assertEquals("sandbox", readByB.get("model"));
        assertEquals("active", readByB.get("status"));
        http.send(request("POST", "/api/agents/config/architect_agent").bearer(teamB).json("{\"model\": \"gpt-4o\"}"));

        assertEquals("claude-sonnet-4-20250514",
                http.send(request("GET", "/api/agents/architect_agent").bearer(teamA)).get("model"));
        assertEquals("claude-sonnet-4-20250514", storedItem("agents-a", "architect_agent").get("model").s());
        assertEquals("gpt-4o", storedItem("agents-b", "architect_agent").get("model").s());
        assertFalse(storedItem("agents-b", "architect_agent").containsKey("status"));
    }

    @Test
    void test_sends_a_prompt_to_the_sandbox_with_the_agents_system_prompt() {
        String bearer = token("test-team");
        var plain = http.send(request("POST", "/api/agents/dev_agent/test").bearer(bearer));

        assertEquals(200, plain.status(), plain.body());
        assertEquals(Map.of("agent_id", "dev_agent", "model", "sandbox", "status", "ok",
                "response", plain.get("response")), plain.map());
        assertTrue(((String) plain.get("response")).startsWith("[sandbox] 8 words"), plain.body());

        var custom = http.send(request("POST", "/api/agents/dev_agent/test").bearer(bearer)
                .json("{\"prompt\": \"Say hello\"}"));
        assertEquals("ok", custom.get("status"));
        assertTrue(((String) custom.get("response")).endsWith(": Say hello"), custom.body());

        http.send(request("PATCH", "/api/agents/dev_agent").bearer(bearer).json("{\"system_prompt\": \"Be brief.\"}"));
        var withOtherPrompt = http.send(request("POST", "/api/agents/dev_agent/test").bearer(bearer)
                .json("{\"prompt\": \"Say hello\"}"));
        assertFalse(withOtherPrompt.get("response").equals(custom.get("response")),
                "the sandbox's hash covers the system prompt, so the reply changes with it");
    }

    @Test
    void test_with_a_model_nobody_serves_answers_200_with_status_error() {
        String bearer = token("test-error-team");
        http.send(request("POST", "/api/agents/config/security_agent").bearer(bearer).json("{\"model\": \"gpt-4o\"}"));

        var response = http.send(request("POST", "/api/agents/security_agent/test").bearer(bearer));

        assertEquals(200, response.status(), response.body());
        assertEquals("error", response.get("status"));
        assertEquals("gpt-4o", response.get("model"));
        assertTrue(((String) response.get("error")).contains("gpt-4o"), response.body());
        assertFalse(response.map().containsKey("response"), response.body());
    }

    @Test
    void a_test_prompt_that_is_too_long_is_422() {
        var response = http.send(request("POST", "/api/agents/dev_agent/test").bearer(token("long-team"))
                .json("{\"prompt\": \"" + "w ".repeat(2_001) + "\"}"));
        assertEquals(422, response.status(), response.body());
        assertTrue(((String) response.get("detail")).contains("prompt"), response.body());
    }

    @Test
    void a_test_body_that_is_not_an_object_with_a_string_prompt_is_422_and_one_that_is_not_json_400() {
        String bearer = token("test-body-team");
        Map<String, String> refused = Map.of(
                "{\"prompt\": 42}", "prompt must be a string",
                "{\"prompt\": [\"Say hello\"]}", "prompt must be a string",
                "[\"Say hello\"]", "The body must be a JSON object");
        refused.forEach((body, detail) -> {
            var response = http.send(request("POST", "/api/agents/dev_agent/test").bearer(bearer).json(body));
            assertEquals(422, response.status(), body + " -> " + response.body());
            assertEquals(Map.of("detail", detail), response.map(), body);
        });
        var malformed = http.send(request("POST", "/api/agents/dev_agent/test").bearer(bearer).json("{\"prompt\": "));
        assertEquals(400, malformed.status(), malformed.body());
        assertEquals(Map.of("detail", "The body is not valid JSON"), malformed.map());
        var nullPrompt = http.send(request("POST", "/api/agents/dev_agent/test").bearer(bearer)
                .json("{\"prompt\": null}"));
        assertEquals("ok", nullPrompt.get("status"), "a null prompt is the default one: " + nullPrompt.body());
    }

    @Test
    void of_two_racing_patches_one_succeeds_and_the_other_gets_409_instead_of_losing_an_update() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (LambdaHttp raceHttp = LambdaHttp.start("FactoryFunction", Map.of("test.agent-race", "true"))) {
            String bearer = token("agent-race-team");
            raceHttp.send(request("PATCH", "/api/agents/repair_agent").bearer(bearer).json("{\"model\": \"gpt-4o\"}"));

            List<CompletableFuture<LambdaHttp.Response>> writers = new ArrayList<>();
            for (String change : List.of("{\"status\": \"disabled\"}", "{\"name\": \"Fixer\"}")) {
                writers.add(CompletableFuture.supplyAsync(() -> raceHttp.send(request("PATCH",
                        "/api/agents/repair_agent").bearer(bearer).json(change)), pool));
            }
            List<LambdaHttp.Response> responses = writers.stream().map(CompletableFuture::join).toList();

            assertEquals(List.of(200, 409), responses.stream().map(LambdaHttp.Response::status).sorted().toList(),
                    responses.toString());
            LambdaHttp.Response winner = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
            Map<String, AttributeValue> stored = storedItem("agent-race-team", "repair_agent");
            assertEquals("2", stored.get("version").n());
            assertEquals("gpt-4o", stored.get("model").s());
            assertEquals("disabled".equals(winner.get("status")), stored.containsKey("status"));
            assertEquals("Fixer".equals(winner.get("name")), stored.containsKey("name"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void test_with_a_vendor_that_cannot_be_reached_answers_200_with_status_error() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> vendorDown = Map.of("openai.api.key", "sk-test-not-a-key",
                "openai.base.url", "http://127.0.0.1:" + closedPort + "/v1", "openai.models", "gpt-4o-mini",
                "athanor.llm.router.max-attempts", 1);
        try (LambdaHttp downHttp = LambdaHttp.start("FactoryFunction", vendorDown)) {
            String bearer = FactoryTokens.mint(downHttp, "vendor-down-team", "member");
            // named with its provider, the model routes to the vendor without asking it for its model list
            downHttp.send(request("POST", "/api/agents/config/reviewer_agent").bearer(bearer)
                    .json("{\"model\": \"openai/gpt-4o-mini\"}"));

            var response = downHttp.send(request("POST", "/api/agents/reviewer_agent/test").bearer(bearer)
                    .json("{\"prompt\": \"Are you there?\"}"));

            assertEquals(200, response.status(), response.body());
            assertEquals("error", response.get("status"));
            assertEquals("openai/gpt-4o-mini", response.get("model"));
            String error = (String) response.get("error");
            assertFalse(error.startsWith("Invalid model name"), "the call reached the vendor's route: " + error);
            assertFalse(error.contains("sk-test-not-a-key"), response.body());
        }
    }

    @Test
    void a_wipe_resets_the_teams_agents_to_their_defaults_and_no_other_teams() {
        String wiped = token("wipe-agents");
        String kept = token("keep-agents");
        http.send(request("PATCH", "/api/agents/export_agent").bearer(wiped).json("{\"model\": \"gpt-4o\"}"));
        http.send(request("PATCH", "/api/agents/export_agent").bearer(kept).json("{\"model\": \"gpt-4o\"}"));
        TeamData agents = http.context().getBeansOfType(TeamData.class).stream()
                .filter(store -> store.name().equals("agents")).findFirst().orElseThrow();

        agents.wipe(TeamId.of("wipe-agents"));

        var afterWipe = http.send(request("GET", "/api/agents/export_agent").bearer(wiped));
        assertEquals("sandbox", afterWipe.get("model"));
        assertNull(afterWipe.get("updated_at"));
        assertTrue(storedItem("wipe-agents", "export_agent").isEmpty());
        assertEquals("gpt-4o", http.send(request("GET", "/api/agents/export_agent").bearer(kept)).get("model"));
    }
}
