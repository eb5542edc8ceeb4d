package dev.athanor.gateway;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The allowed origins come from ATHANOR_CORS_ALLOWED_ORIGINS (template.yaml's CorsAllowedOrigins) and replace the
 * local defaults; an origin refused by CORS still gets its answer, without CORS headers (its browser keeps it from the
 * page's script).
 */
@ExtendWith(LocalStackExtension.class)
class CorsConfigurationIT {

    @Test
    void the_configured_origins_replace_the_defaults() {
        try (LambdaHttp http = LambdaHttp.start("GatewayFunction",
                Map.of("athanor.cors.allowed-origins", "https://ui.example.com, https://admin.example.com"))) {
            for (String origin : new String[] {"https://ui.example.com", "https://admin.example.com"}) {
                var answer = http.send(request("GET", "/health").header("Origin", origin));
                assertEquals(200, answer.status(), answer.body());
                assertEquals(origin, answer.header("Access-Control-Allow-Origin"));
                assertEquals("true", answer.header("Access-Control-Allow-Credentials"));
            }
            var local = http.send(request("GET", "/health").header("Origin", "http://localhost:5173"));
            assertEquals(200, local.status(), local.body());
            assertNull(local.header("Access-Control-Allow-Origin"), "a default is not allowed any more");
        }
    }

    @Test
    void every_default_origin_is_allowed_and_a_refused_one_still_gets_its_answer() {
        try (LambdaHttp http = LambdaHttp.start("GatewayFunction")) {
            for (String port : new String[] {"3000", "5173", "1337", "3001", "8000", "1336", "8001", "8002"}) {
                var answer = http.send(request("GET", "/health").header("Origin", "http://localhost:" + port));
                assertEquals("http://localhost:" + port, answer.header("Access-Control-Allow-Origin"), port);
            }
            var refused = http.send(request("GET", "/health").header("Origin", "https://attacker.example"));
            assertEquals(200, refused.status(), refused.body());
            assertNull(refused.header("Access-Control-Allow-Origin"));
        }
    }
}
