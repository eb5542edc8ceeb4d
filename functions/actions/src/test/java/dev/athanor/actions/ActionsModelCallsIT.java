package dev.athanor.actions;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.athanor.actions.ActionsTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.MovableClockFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.athanor.actions.ActionsTesting.action;
import static dev.athanor.actions.ActionsTesting.assertError;
import static dev.athanor.actions.ActionsTesting.details;
import static dev.athanor.actions.ActionsTesting.newCaller;
import static dev.athanor.actions.ActionsTesting.stored;
import static dev.athanor.actions.ActionsTesting.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration, the Test button and the per-user limits against a WireMock fake of an OpenAI-compatible server
 * (the documented chat-completions wire format): the key given is sealed and sent as a bearer token, a model slower
 * than the surface's timeout is a timeout, a server that refuses connections is a connection error, and both are kept
 * as failed interactions. The context's clock stands still, so no limit test straddles a window's edge.
 */
@ExtendWith(LocalStackExtension.class)
class ActionsModelCallsIT {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String SECRET = "sk-vendor-secret-7f3a";

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("ActionsFunction", Map.of("test.movable-clock", true,
                "athanor.actions.timeout", "1s", "athanor.actions.executions-per-day", 3,
                "athanor.llm.router.max-attempts", 1));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @BeforeEach
    void vendorAnswers() {
        VENDOR.resetAll();
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion("Bonnie Scotland"))));
    }

    private static String completion(String content) {
        return """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1767225600, "model": "house-model",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}}"""
                .formatted(quoted(content));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static LambdaHttp.Response send(Caller caller, String method, String path, String body) {
        return ActionsTesting.send(http, caller, method, path, body);
    }

    private static Caller configured(String apiBase) {
        Caller caller = newCaller(http);
        var saved = send(caller, "POST", "/config", """
                {"provider_type": "openai", "model_name": "house-model", "api_base": "%s", "auth_token": "%s"}"""
                .formatted(apiBase, SECRET));
        assertEquals(200, saved.status(), saved.body());
        assertEquals(Map.of("success", true), saved.map());
        return caller;
    }

    @Test
    void config_registers_the_server_seals_the_key_never_returns_it_and_the_test_uses_it() {
        Caller caller = configured(VENDOR.baseUrl() + "/v1");

        var config = send(caller, "GET", "/config", null);
        var tested = send(caller, "POST", "/test", "{\"prompt\": \"Name {{input}}\", \"input\": \"a song\"}");

        assertEquals(200, config.status(), config.body());
        assertEquals("openai", config.get("provider_type"));
        assertEquals("house-model", config.get("model_name"));
        assertEquals(VENDOR.baseUrl() + "/v1", config.get("api_base"));
        assertEquals(true, config.get("auth_token_set"));
        assertFalse(config.body().contains(SECRET));
        Map<String, AttributeValue> provider = stored("ATHANOR_DYNAMODB_TABLES_PROVIDERS", caller.team(), "actions");
        assertTrue(provider.containsKey("sealed_api_key"), provider.toString());
        assertFalse(provider.toString().contains(SECRET), "the key is stored sealed");
        assertEquals(200, tested.status(), tested.body());
        assertEquals("Bonnie Scotland", tested.get("result"));
        assertEquals("actions/house-model", tested.get("model"));
        assertTrue(((Number) tested.get("duration")).doubleValue() >= 0);
        VENDOR.verify(postRequestedFor(urlEqualTo(COMPLETIONS))
                .withHeader("Authorization", equalTo("Bearer " + SECRET))
                .withRequestBody(matchingJsonPath("$.model", equalTo("house-model")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Name a song"))));
    }

    @Test
    void config_refuses_a_metadata_address_an_unknown_kind_and_an_unknown_model_naming_each_field() {
        Caller caller = newCaller(http);

        var metadata = send(caller, "POST", "/config", "{\"api_base\": \"http://169.254.169.254/latest\"}");
        var kind = send(caller, "POST", "/config", "{\"provider_type\": \"telepathy\"}");
        var model = send(caller, "POST", "/config", "{\"model_name\": \"gpt-nobody\"}");
        var empty = send(caller, "POST", "/config", "{}");

        assertEquals(java.util.Set.of("api_base"), details(metadata).keySet());
        assertEquals(java.util.Set.of("provider_type"), details(kind).keySet());
        assertEquals(java.util.Set.of("model_name"), details(model).keySet());
        assertError(empty, 400, "validation");
        assertTrue(stored("ATHANOR_DYNAMODB_TABLES_PROVIDERS", caller.team(), "actions").isEmpty());
        var config = send(caller, "GET", "/config", null);
        assertEquals(Map.of("provider_type", "sandbox", "model_name", "sandbox", "auth_token_set", false),
                Map.of("provider_type", config.get("provider_type"), "model_name", config.get("model_name"),
                        "auth_token_set", config.get("auth_token_set")));
        assertNull(config.get("api_base"));
        assertTrue(config.map().containsKey("api_base"));
    }

    @Test
    void a_model_slower_than_the_timeout_is_a_504_timeout_with_steps_and_is_kept_as_a_failed_run() {
        Caller caller = configured(VENDOR.baseUrl() + "/v1");
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion("late")).withFixedDelay(3000)));
        long actionId = action(http, caller, "title", template(http, caller, "title", "T {{input}}",
                "actions/house-model"), "actions/house-model");

        var run = send(caller, "POST", "/actions/" + actionId + "/run", "{\"input_text\": \"x\"}");

        Map<?, ?> error = assertError(run, 504, "timeout");
        assertTrue(error.get("message").toString().contains("1 s"), run.body());
        Map<?, ?> row = (Map<?, ?>) ((List<?>) send(caller, "GET", "/actions/" + actionId + "/history", null)
                .get("history")).get(0);
        assertEquals("error", row.get("status"));
        assertEquals(error.get("message"), row.get("error_message"));
        assertNull(row.get("output_text"));
    }

    @Test
    void a_server_that_refuses_connections_is_a_502_connection_error_distinct_from_a_timeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Caller caller = configured("http://127.0.0.1:" + closedPort + "/v1");

        var tested = send(caller, "POST", "/test", "{\"prompt\": \"Hello\"}");

        Map<?, ?> error = assertError(tested, 502, "connection");
        assertTrue(error.get("troubleshooting").toString().contains("api_base"), tested.body());
        var kept = send(caller, "GET", "/interactions", null).list();
        assertEquals("test", kept.get(0).get("kind"));
        assertEquals("error", kept.get(0).get("status"));
    }

    @Test
    void the_101st_test_of_a_user_within_a_minute_is_429_with_retry_after() {
        Caller caller = newCaller(http);
        for (int i = 1; i <= 100; i++) {
            var tested = send(caller, "POST", "/test", "{\"prompt\": \"Try " + i + "\"}");
            assertEquals(200, tested.status(), "test " + i + ": " + tested.body());
        }

        var refused = send(caller, "POST", "/test", "{\"prompt\": \"One more\"}");

        assertError(refused, 429, "rate_limited");
        Instant now = http.context().getBean(MovableClockFactory.MovableClock.class).instant();
        long untilNextMinute = Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60))
                .toMillis();
        assertEquals(Long.toString(Math.max(1, (untilNextMinute + 999) / 1000)), refused.header("Retry-After"));
        assertEquals(200, send(newCaller(http), "POST", "/test", "{\"prompt\": \"Another user\"}").status(),
                "the limit is per user");
    }

    @Test
    void executions_past_the_daily_limit_are_429_until_the_next_utc_day_and_reads_are_not_limited() {
        Caller caller = newCaller(http);
        long actionId = action(http, caller, "title", template(http, caller, "title", "T {{input}}"));
        for (int i = 0; i < 2; i++) {
            assertEquals(200, send(caller, "POST", "/actions/" + actionId + "/run", "{\"input_text\": \"x\"}")
                    .status());
        }
        assertEquals(200, send(caller, "POST", "/generate-idea", "{\"topic\": \"Lochs\"}").status());

        var refused = send(caller, "POST", "/actions/" + actionId + "/run", "{\"input_text\": \"x\"}");

        assertError(refused, 429, "rate_limited");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 86_400, refused.header("Retry-After"));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send(caller, "GET", "/actions/" + actionId + "/history", null).status());
        }
        http.context().getBean(MovableClockFactory.MovableClock.class).advance(Duration.ofDays(1));
        assertEquals(200, send(caller, "POST", "/actions/" + actionId + "/run", "{\"input_text\": \"x\"}")
                .status(), "a new UTC day");
    }

    @Test
    void a_helper_answer_that_is_not_the_json_asked_for_is_retried_once_with_the_problem_then_used() {
        Caller caller = configured(VENDOR.baseUrl() + "/v1");
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(completion("Here is an idea: castles!"))).willSetStateTo("told"));
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).inScenario("retry").whenScenarioStateIs("told")
                .willReturn(okJson(completion("""
                        {"title": "Castles", "outline": ["Intro", "Stones"], "keywords": ["castle"], "extra": 1}"""))));

        var idea = send(caller, "POST", "/generate-idea", "{\"topic\": \"Castles\"}");

        assertEquals(200, idea.status(), idea.body());
        assertEquals(Map.of("title", "Castles", "outline", List.of("Intro", "Stones"), "keywords",
                List.of("castle")), idea.map());
        VENDOR.verify(2, postRequestedFor(urlEqualTo(COMPLETIONS)));
        VENDOR.verify(postRequestedFor(urlEqualTo(COMPLETIONS))
                .withRequestBody(matchingJsonPath("$.messages[3].content",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("not valid JSON"))));
        var kept = send(caller, "GET", "/interactions?kind=generate-idea", null);
        assertEquals(2, kept.list().size(), kept.body());
    }

    @Test
    void a_helper_answer_wrong_twice_is_a_502_invalid_output() {
        Caller caller = configured(VENDOR.baseUrl() + "/v1");
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson(completion("{\"title\": \"Only\"}"))));

        var idea = send(caller, "POST", "/generate-idea", "{\"topic\": \"Castles\"}");

        Map<?, ?> error = assertError(idea, 502, "invalid_output");
        assertTrue(error.get("message").toString().contains("outline"), idea.body());
        VENDOR.verify(2, postRequestedFor(urlEqualTo(COMPLETIONS)));
    }

    @Test
    void a_vendor_rate_limit_is_429_rate_limited_with_its_retry_after() {
        Caller caller = configured(VENDOR.baseUrl() + "/v1");
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}")));

        var tested = send(caller, "POST", "/test", "{\"prompt\": \"Hello\"}");

        assertError(tested, 429, "rate_limited");
        assertEquals("7", tested.header("Retry-After"));
    }
}
