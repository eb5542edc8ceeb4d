package dev.athanor.gateway.providers;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/providers and GET /providers/health with nothing configured, where the offline sandbox stands in. */
@ExtendWith(LocalStackExtension.class)
class SandboxProvidersIT {

    private static LambdaHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("GatewayFunction");
        token = http.context().getBean(TokenIssuer.class).issue(TeamId.of("sandbox-team"), Roles.MEMBER).token();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void providers_lists_the_sandbox_as_configured_with_the_model_it_serves() {
        LambdaHttp.Response response = http.send(request("GET", "/v1/providers").bearer(token));

        assertEquals(200, response.status(), response.body());
        assertEquals(Map.of(
                "providers", Map.of("sandbox", Map.of("configured", true, "models", List.of("sandbox"),
                        "kind", "sandbox", "source", "builtin")),
                "total_configured", 1,
                "total_available", 1), response.map());
    }

    @Test
    void provider_health_writes_url_and_error_as_null_as_the_seed_shows_them() {
        LambdaHttp.Response response = http.send(request("GET", "/providers/health").bearer(token));

        assertEquals(200, response.status(), response.body());
        assertEquals(List.of("status", "took_ms", "providers"), List.copyOf(response.map().keySet()));
        Map<?, ?> sandbox = (Map<?, ?>) ((Map<?, ?>) response.get("providers")).get("sandbox");
        assertEquals(List.of("name", "ok", "latency_ms", "url", "error", "circuit"), List.copyOf(sandbox.keySet()));
        assertEquals(true, sandbox.get("ok"));
        assertNull(sandbox.get("url"));
        assertNull(sandbox.get("error"));
        assertTrue(response.body().contains("\"url\":null"), response.body());
    }
}
