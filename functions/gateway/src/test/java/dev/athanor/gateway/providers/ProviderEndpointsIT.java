package dev.athanor.gateway.providers;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/providers and GET /providers/health with two providers from the environment: an OpenAI-compatible one that
 * answers (WireMock) and an Ollama server that is down.
 */
@ExtendWith(LocalStackExtension.class)
class ProviderEndpointsIT {

    @RegisterExtension
    static final WireMockExtension OPENAI = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static LambdaHttp http;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        http = LambdaHttp.start("GatewayFunction", Map.of(
                "openai.api.key", "sk-test",
                "openai.base.url", OPENAI.baseUrl() + "/v1",
                "ollama.base.url", "http://127.0.0.1:" + closedPort));
        token = http.context().getBean(TokenIssuer.class).issue(TeamId.of("providers-team"), Roles.MEMBER).token();
    }

    @BeforeEach
    void openAiListsItsModels() {
        OPENAI.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"owned_by\":\"system\"}]}")));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void providers_lists_each_configured_provider_with_totals_and_no_key() {
        LambdaHttp.Response response = http.send(request("GET", "/v1/providers").bearer(token));

        assertEquals(200, response.status(), response.body());
        Map<?, ?> providers = (Map<?, ?>) response.get("providers");
        assertEquals(List.of("openai", "ollama"), List.copyOf(providers.keySet()));
        for (Object entry : providers.values()) {
            assertEquals(List.of("configured", "models", "kind", "source"), List.copyOf(((Map<?, ?>) entry).keySet()),
                    response.body());
        }
        Map<?, ?> openai = (Map<?, ?>) providers.get("openai");
        assertEquals(true, openai.get("configured"));
        assertEquals(List.of(), openai.get("models"), "no models declared: an empty list, not a missing key");
        assertEquals("openai", openai.get("kind"));
        assertEquals("environment", openai.get("source"));
        assertEquals(2, response.get("total_configured"));
        assertEquals(2, response.get("total_available"));
        assertFalse(response.body().contains("sk-test"), "keys never leave the gateway");
    }

    @Test
    void provider_health_probes_every_provider_and_reports_the_failing_one() {
        LambdaHttp.Response response = http.send(request("GET", "/providers/health").bearer(token));

        assertEquals(200, response.status(), response.body());
        assertEquals("degraded", response.get("status"));
        assertNotNull(response.get("took_ms"));
        Map<?, ?> providers = (Map<?, ?>) response.get("providers");
        Map<?, ?> openai = (Map<?, ?>) providers.get("openai");
        assertEquals("openai", openai.get("name"));
        assertEquals(true, openai.get("ok"), response.body());
        assertTrue(((Number) openai.get("latency_ms")).longValue() >= 0);
        assertEquals("closed", openai.get("circuit"));
        Map<?, ?> ollama = (Map<?, ?>) providers.get("ollama");
        assertEquals(false, ollama.get("ok"));
        assertNotNull(ollama.get("error"));
    }

    @Test
    void both_listings_need_a_token() {
        assertEquals(401, http.send(request("GET", "/v1/providers")).status());
        assertEquals(401, http.send(request("GET", "/providers/health")).status());
    }
}
