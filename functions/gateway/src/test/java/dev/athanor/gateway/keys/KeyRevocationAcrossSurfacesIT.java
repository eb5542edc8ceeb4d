package dev.athanor.gateway.keys;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.keys.ApiKeyText;
import dev.athanor.testkit.MovableClockFactory;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.gateway.keys.KeyHttp.apiKey;
import static dev.athanor.gateway.keys.KeyHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A key revoked on the gateway stops working on another surface's instance (the orchestrator's function, with its
 * own key cache) within {@code athanor.auth.api-keys.cache-ttl}: that context's clock is moved, not waited for.
 */
@ExtendWith(LocalStackExtension.class)
class KeyRevocationAcrossSurfacesIT {

    private static ApplicationContext gateway;
    private static ApplicationContext orchestrator;
    private static KeyHttp gatewayHttp;
    private static KeyHttp orchestratorHttp;

    @BeforeAll
    static void start() {
        gateway = TestFunctions.start("GatewayFunction");
        orchestrator = TestFunctions.start("OrchestratorFunction", Map.of("test.movable-clock", true,
                "athanor.auth.api-keys.cache-ttl", "5s"));
        JsonMapper json = gateway.getBean(JsonMapper.class);
        gatewayHttp = new KeyHttp("http://localhost:" + gateway.getBean(EmbeddedServer.class).start().getPort(), json);
        orchestratorHttp = new KeyHttp("http://localhost:"
                + orchestrator.getBean(EmbeddedServer.class).start().getPort(), json);
    }

    @AfterAll
    static void stop() {
        orchestrator.close();
        gateway.close();
    }

    @Test
    void a_revoked_key_works_elsewhere_only_until_that_instance_cache_time_has_passed() {
        TeamId team = TeamId.of("revoke-" + UUID.randomUUID());
        String admin = gateway.getBean(TokenIssuer.class).issue(team, Roles.ADMIN).token();
        String key = (String) gatewayHttp.send("POST", "/auth/keys", "{\"name\": \"roaming\"}", bearer(admin))
                .body().get("key");
        assertEquals(200, orchestratorHttp.send("GET", "/api/auth/me", null, apiKey(key)).status());

        assertEquals(200, gatewayHttp.send("DELETE", "/auth/keys/" + ApiKeyText.parse(key).orElseThrow().keyId(),
                null, bearer(admin)).status());
        assertEquals(401, gatewayHttp.send("GET", "/api/auth/me", null, apiKey(key)).status(),
                "the instance that revoked it refuses it at once");
        MovableClockFactory.MovableClock clock = orchestrator.getBean(MovableClockFactory.MovableClock.class);
        clock.advance(Duration.ofMillis(4900));
        assertEquals(200, orchestratorHttp.send("GET", "/api/auth/me", null, apiKey(key)).status(),
                "still inside the other instance's cache time");

        clock.advance(Duration.ofMillis(200));
        assertEquals(401, orchestratorHttp.send("GET", "/api/auth/me", null, apiKey(key)).status());
    }
}
