package dev.athanor.factory;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.testkit.FakeDns;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The active provider, connection tests and model listings against fake OpenAI-compatible vendors (WireMock):
 * vendor A and B serve the same model, the operator's vendor backs the environment provider, and one vendor refuses
 * every key.
 */
@ExtendWith(LocalStackExtension.class)
class ProviderUseAndModelsIT {

    @RegisterExtension
    static final WireMockExtension VENDOR_A = vendor();
    @RegisterExtension
    static final WireMockExtension VENDOR_B = vendor();
    @RegisterExtension
    static final WireMockExtension OPERATOR = vendor();
    @RegisterExtension
    static final WireMockExtension REFUSING = vendor();

    private static LambdaHttp http;
    private static int closedPort;

    private static WireMockExtension vendor() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        http = LambdaHttp.start("FactoryFunction", Map.of(
                "openai.api.key", "sk-operator", "openai.base.url", OPERATOR.baseUrl() + "/v1",
                "athanor.llm.provider-key-env", "EXAMPLE_API_KEY", "example.api.key", "sk-from-env"));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @BeforeEach
    void vendorsAnswer() {
        for (var vendor : List.of(VENDOR_A, VENDOR_B, OPERATOR)) {
            String name = vendor == VENDOR_A ? "a" : vendor == VENDOR_B ? "b" : "operator";
            vendor.stubFor(get(urlEqualTo("/v1/models")).willReturn(json("{\"object\":\"list\",\"data\":["
                    + "{\"id\":\"shared-model\",\"object\":\"model\",\"owned_by\":\"x\"},"
                    + "{\"id\":\"only-" + name + "\",\"object\":\"model\",\"owned_by\":\"x\"}]}")));
            vendor.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json("{\"id\":\"c-1\","
                    + "\"object\":\"chat.completion\",\"model\":\"shared-model\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"answer from " + name + "\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,"
                    + "\"total_tokens\":6}}")));
        }
        REFUSING.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided\","
                        + "\"type\":\"invalid_request_error\"}}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String token(String team) {
        return FactoryTokens.mint(http, team, "member");
    }

    private static void register(String bearer, String name, WireMockExtension vendor, String extra) {
        var response = http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"" + name
                + "\", \"base_url\": \"" + vendor.baseUrl() + "/v1\"" + extra + "}"));
        assertEquals(201, response.status(), response.body());
    }

    private static String chat(String team) {
        ChatResponse response = http.context().getBean(LlmService.class).chat(CallContext.of(TeamId.of(team),
                "factory"), ChatRequest.of("shared-model", List.of(ChatMessage.user("hello"))));
        return response.content();
    }

    @Test
    void use_makes_the_provider_active_so_calls_naming_no_provider_go_to_it_first() {
        String bearer = token("use-team");
        register(bearer, "a-first", VENDOR_A, "");
        register(bearer, "b-second", VENDOR_B, "");
        assertEquals("answer from a", chat("use-team"), "before a choice, the first provider serves");

        var used = http.send(request("POST", "/api/providers/b-second/use").bearer(bearer));

        assertEquals(200, used.status(), used.body());
        assertEquals(Map.of("provider", "b-second", "status", "active"), used.map());
        assertEquals("answer from b", chat("use-team"));
        VENDOR_A.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        VENDOR_B.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        Map<String, AttributeValue> settings = LocalStackExtension.stack().dynamo().getItem(r -> r
                .tableName("athanor-local-settings").key(Map.of("team_id", AttributeValue.fromS("use-team"),
                        "id", AttributeValue.fromS("factory")))).item();
        assertEquals("b-second", settings.get("values").m().get("llm_provider").s());
        List<Map<String, Object>> providers = ProvidersIT.list(http.send(request("GET", "/api/providers")
                .bearer(bearer)));
        assertEquals(true, ProvidersIT.named(providers, "b-second").get("active"));
        assertEquals(false, ProvidersIT.named(providers, "a-first").get("active"));

        register(token("use-neighbour"), "a-first", VENDOR_A, "");
        register(token("use-neighbour"), "b-second", VENDOR_B, "");
        assertEquals("answer from a", chat("use-neighbour"), "another team's choice is its own");
    }

    @Test
    void the_environment_provider_and_the_sandbox_can_be_used_and_unknown_or_disabled_ones_not() {
        String bearer = token("use-rules-team");
        register(bearer, "a-first", VENDOR_A, "");
        register(bearer, "off", VENDOR_B, ", \"enabled\": false");

        assertEquals(200, http.send(request("POST", "/api/providers/openai/use").bearer(bearer)).status());
        assertEquals("answer from operator", chat("use-rules-team"));

        assertEquals(200, http.send(request("POST", "/api/providers/sandbox/use").bearer(bearer)).status());
        List<Map<String, Object>> providers = ProvidersIT.list(http.send(request("GET", "/api/providers")
                .bearer(bearer)));
        assertEquals(true, ProvidersIT.named(providers, "sandbox").get("active"));
        assertEquals("answer from a", chat("use-rules-team"), "the sandbox does not serve that model: next in line");

        var unknown = http.send(request("POST", "/api/providers/nope/use").bearer(bearer));
        assertEquals(404, unknown.status(), unknown.body());
        var disabled = http.send(request("POST", "/api/providers/off/use").bearer(bearer));
        assertEquals(409, disabled.status(), disabled.body());
        assertTrue(((String) disabled.get("detail")).contains("disabled"), disabled.body());
    }

    @Test
    void deleting_the_active_provider_clears_the_choice() {
        String bearer = token("use-delete-team");
        register(bearer, "a-first", VENDOR_A, "");
        register(bearer, "b-second", VENDOR_B, "");
        http.send(request("POST", "/api/providers/b-second/use").bearer(bearer));

        assertEquals(200, http.send(request("DELETE", "/api/providers/b-second").bearer(bearer)).status());
        register(bearer, "b-second", VENDOR_B, "");

        assertEquals("answer from a", chat("use-delete-team"));
    }

    @Test
    void test_reports_ok_with_the_number_of_models() {
        String bearer = token("test-team");
        register(bearer, "a-first", VENDOR_A, ", \"api_key\": \"sk-stored\", \"enabled\": false");

        var response = http.send(request("POST", "/api/providers/a-first/test").bearer(bearer));

        assertEquals(200, response.status(), response.body());
        assertEquals(Map.of("provider", "a-first", "status", "ok", "models_count", 2), response.map());
        VENDOR_A.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization",
                equalTo("Bearer sk-stored")));
        assertEquals(Map.of("provider", "openai", "status", "ok", "models_count", 2),
                http.send(request("POST", "/api/providers/openai/test").bearer(bearer)).map());
        assertEquals(Map.of("provider", "sandbox", "status", "ok", "models_count", 1),
                http.send(request("POST", "/api/providers/sandbox/test").bearer(bearer)).map());
    }

    @Test
    void test_reports_a_refusing_or_unreachable_provider_as_an_error_never_a_500() {
        String bearer = token("test-fail-team");
        register(bearer, "refusing", REFUSING, ", \"api_key\": \"sk-wrong\"");
        var down = http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"down\", "
                + "\"base_url\": \"http://127.0.0.1:" + closedPort + "/v1\"}"));
        assertEquals(201, down.status(), down.body());

        var refused = http.send(request("POST", "/api/providers/refusing/test").bearer(bearer));
        assertEquals(200, refused.status(), refused.body());
        assertEquals("error", refused.get("status"));
        assertEquals(0, refused.get("models_count"));
        assertTrue(((String) refused.get("error")).contains("Incorrect API key"), refused.body());
        assertFalse(refused.body().contains("sk-wrong"));

        var unreachable = http.send(request("POST", "/api/providers/down/test").bearer(bearer));
        assertEquals(200, unreachable.status(), unreachable.body());
        assertEquals("error", unreachable.get("status"));
        assertNotNull(unreachable.get("error"));

        assertEquals(404, http.send(request("POST", "/api/providers/nope/test").bearer(bearer)).status());
    }

    @Test
    void a_providers_host_re_pointed_at_a_metadata_address_after_registration_is_not_called() {
        String bearer = token("rebind-team");
        // registration checks the loopback address (allowed here); the connection would go to the metadata service
        http.context().getBean(FakeDns.class).answer("vendor.example.com", "127.0.0.1", "169.254.169.254");
        var created = http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"rebound\", "
                + "\"base_url\": \"http://vendor.example.com:" + VENDOR_A.getPort() + "/v1\"}"));
        assertEquals(201, created.status(), created.body());

        var tested = http.send(request("POST", "/api/providers/rebound/test").bearer(bearer));

        assertEquals(200, tested.status(), tested.body());
        assertEquals("error", tested.get("status"));
        assertTrue(((String) tested.get("error")).contains(
                "address refused (vendor.example.com must not point at a link-local or metadata address)"),
                tested.body());
    }

    @Test
    void a_redirect_from_a_provider_is_not_followed() {
        String bearer = token("redirect-team");
        REFUSING.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")));
        REFUSING.stubFor(get(urlEqualTo("/moved/v1/models")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", REFUSING.baseUrl() + "/elsewhere")));
        register(bearer, "redirecting", REFUSING, "");
        var moved = http.send(request("POST", "/api/providers").bearer(bearer).json("{\"name\": \"moved\", "
                + "\"base_url\": \"" + REFUSING.baseUrl() + "/moved/v1\"}"));
        assertEquals(201, moved.status(), moved.body());

        var metadata = http.send(request("POST", "/api/providers/redirecting/test").bearer(bearer));
        var elsewhere = http.send(request("POST", "/api/providers/moved/test").bearer(bearer));

        assertEquals("error", metadata.get("status"), metadata.body());
        assertTrue(((String) metadata.get("error")).contains("HTTP 302"), metadata.body());
        assertEquals("error", elsewhere.get("status"), elsewhere.body());
        assertTrue(((String) elsewhere.get("error")).contains("HTTP 301"), elsewhere.body());
        REFUSING.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void a_key_named_by_api_key_env_is_read_from_the_servers_environment() {
        String bearer = token("env-key-team");
        register(bearer, "env-keyed", VENDOR_B, ", \"api_key_env\": \"EXAMPLE_API_KEY\"");

        var response = http.send(request("POST", "/api/providers/env-keyed/test").bearer(bearer));

        assertEquals("ok", response.get("status"), response.body());
        VENDOR_B.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization",
                equalTo("Bearer sk-from-env")));
        assertFalse(http.send(request("GET", "/api/providers").bearer(bearer)).body().contains("sk-from-env"));
    }

    @Test
    void models_lists_one_provider_live_or_all_the_teams_providers() {
        String bearer = token("models-team");
        register(bearer, "a-first", VENDOR_A, ", \"enabled\": false");
        register(bearer, "b-second", VENDOR_B, "");

        var one = http.send(request("GET", "/api/models").bearer(bearer).query("provider", "a-first"));
        assertEquals(200, one.status(), one.body());
        assertEquals("a-first", one.get("provider"));
        assertEquals(List.of(Map.of("id", "shared-model", "provider", "a-first"),
                Map.of("id", "only-a", "provider", "a-first")), one.get("models"));

        var all = http.send(request("GET", "/api/models").bearer(bearer));
        assertEquals(200, all.status(), all.body());
        assertNull(all.get("provider"));
        assertTrue(all.map().containsKey("provider"));
        assertEquals(List.of(Map.of("id", "shared-model", "provider", "b-second"),
                Map.of("id", "only-b", "provider", "b-second"),
                Map.of("id", "only-operator", "provider", "openai")), all.get("models"),
                "usable providers only, each model once, named by the first provider serving it");

        assertEquals(404, http.send(request("GET", "/api/models").bearer(bearer).query("provider", "nope")).status());
        assertEquals(404, http.send(request("GET", "/api/models").bearer(bearer).query("provider", "x".repeat(2000)))
                .status());
        REFUSING.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(503)));
        register(bearer, "flaky", REFUSING, "");
        var failing = http.send(request("GET", "/api/models").bearer(bearer).query("provider", "flaky"));
        assertEquals(502, failing.status(), failing.body());
        assertNotNull(failing.get("detail"));
    }

    @Test
    void models_of_an_ad_hoc_provider_use_the_given_key_and_url_and_store_nothing() {
        String bearer = token("adhoc-team");

        var response = http.send(request("GET", "/api/models").bearer(bearer)
                .query("base_url", VENDOR_B.baseUrl() + "/v1").query("key", "sk-adhoc"));

        assertEquals(200, response.status(), response.body());
        assertEquals("custom", response.get("provider"));
        assertEquals(2, ((List<?>) response.get("models")).size());
        VENDOR_B.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization",
                equalTo("Bearer sk-adhoc")));
        assertEquals(0, ProvidersIT.storedProviders("adhoc-team"));

        var labelled = http.send(request("GET", "/api/models").bearer(bearer).query("provider", "openrouter")
                .query("base_url", VENDOR_A.baseUrl() + "/v1"));
        assertEquals("openrouter", labelled.get("provider"), labelled.body());
        VENDOR_A.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", absent()));

        var metadata = http.send(request("GET", "/api/models").bearer(bearer)
                .query("base_url", "http://169.254.169.254/latest").query("key", "sk"));
        assertEquals(422, metadata.status(), metadata.body());
        assertTrue(((String) metadata.get("detail")).contains("base_url"), metadata.body());

        var refusing = http.send(request("GET", "/api/models").bearer(bearer)
                .query("base_url", REFUSING.baseUrl() + "/v1").query("key", "sk-wrong"));
        assertEquals(502, refusing.status(), refusing.body());
        assertTrue(((String) refusing.get("detail")).contains("Incorrect API key"), refusing.body());
    }
}
