package dev.athanor.factory;

import dev.athanor.testkit.ApiGatewayEvents;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factory Lambda handler, driven with API Gateway payload 1.0 events, on the embedded stack. */
@ExtendWith(LocalStackExtension.class)
class FactoryHandlerIT {

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static String token(String team, String role) {
        return FactoryTokens.mint(http, team, role);
    }

    @Test
    void health_reports_the_queue_backend() {
        var response = http.send(request("GET", "/health"));
        assertEquals(200, response.status());
        assertEquals(Map.of("status", "ok", "queue_backend", "sqs"), response.map());
    }

    @Test
    void ready_is_200_when_dynamodb_answers() {
        var response = http.send(request("GET", "/ready"));
        assertEquals(200, response.status(), response.body());
        assertEquals(Map.of("status", "ready"), response.map());
    }

    @Test
    void api_root_describes_the_service() {
        var response = http.send(request("GET", "/api"));
        assertEquals(200, response.status());
        assertEquals("online", response.get("status"));
        assertEquals("/docs", response.get("docs_url"));
    }

    @Test
    void token_is_minted_with_the_admin_key_and_read_back_by_me() {
        var minted = http.send(request("POST", "/api/auth/token").header("X-Admin-Key", TestFunctions.ADMIN_KEY)
                .json("{\"teamId\":\"acme\",\"role\":\"member\"}"));
        assertEquals(200, minted.status(), minted.body());
        assertEquals("acme", minted.get("team_id"));
        assertEquals("member", minted.get("role"));
        assertEquals(86400, ((Number) minted.get("expires_in")).intValue());

        var me = http.send(request("GET", "/api/auth/me").bearer((String) minted.get("token")));
        assertEquals(200, me.status(), me.body());
        assertEquals("acme", me.get("team_id"));
    }

    @Test
    void token_without_or_with_a_wrong_admin_key_is_401() {
        var missing = http.send(request("POST", "/api/auth/token").json("{\"team_id\":\"acme\"}"));
        assertEquals(401, missing.status());
        assertNotNull(missing.get("detail"));
        var wrong = http.send(request("POST", "/api/auth/token").header("X-Admin-Key", "nope").json("{}"));
        assertEquals(401, wrong.status());
        assertEquals("Admin key missing or invalid", wrong.get("detail"));
    }

    @Test
    void a_token_request_over_its_route_limit_is_413_and_a_wrongly_typed_one_422_naming_the_field() {
        var large = http.send(request("POST", "/api/auth/token").header("X-Admin-Key", TestFunctions.ADMIN_KEY)
                .json("{\"team_id\": \"" + "t".repeat(5_000) + "\"}"));
        assertEquals(413, large.status(), large.body());
        assertEquals("The body is 5015 bytes; this route takes at most 4096", large.get("detail"));
        var typed = http.send(request("POST", "/api/auth/token").header("X-Admin-Key", TestFunctions.ADMIN_KEY)
                .json("{\"team_id\": [\"acme\"], \"role\": 5}"));
        assertEquals(422, typed.status(), typed.body());
        assertEquals("team_id must be a string; role must be a string", typed.get("detail"));
    }

    @Test
    void token_minting_is_503_when_no_admin_key_is_configured() {
        try (LambdaHttp unconfigured = LambdaHttp.start("FactoryFunction", Map.of("athanor.auth.admin-key", ""))) {
            var response = unconfigured.send(request("POST", "/api/auth/token").header("X-Admin-Key", "anything").json("{}"));
            assertEquals(503, response.status(), response.body());
            assertTrue(((String) response.get("detail")).contains("not configured"), response.body());
        }
    }

    @Test
    void token_with_an_unknown_role_or_bad_team_is_422() {
        var role = http.send(request("POST", "/api/auth/token").header("X-Admin-Key", TestFunctions.ADMIN_KEY)
                .json("{\"team_id\":\"acme\",\"role\":\"root\"}"));
        assertEquals(422, role.status(), role.body());
        var team = http.send(request("POST", "/api/auth/token").header("X-Admin-Key", TestFunctions.ADMIN_KEY)
                .json("{\"team_id\":\"../etc\"}"));
        assertEquals(422, team.status(), team.body());
    }

    @Test
    void protected_routes_are_401_without_a_valid_token() {
        for (String path : new String[] {"/api/settings", "/api/system/settings", "/api/system/status", "/api/auth/me"}) {
            var response = http.send(request("GET", path));
            assertEquals(401, response.status(), path);
            assertNotNull(response.get("detail"), path);
        }
        var forged = http.send(request("GET", "/api/settings").bearer("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"));
        assertEquals(401, forged.status());
        // {"alg":"none"} with a team claim: an unsigned token must never be accepted
        var unsigned = http.send(request("GET", "/api/settings").bearer("eyJhbGciOiJub25lIn0."
                + "eyJzdWIiOiJ4IiwidGVhbV9pZCI6InZpY3RpbSIsInJvbGUiOiJhZG1pbiJ9."));
        assertEquals(401, unsigned.status(), unsigned.body());
    }

    @Test
    void system_status_reports_the_stores() {
        var response = http.send(request("GET", "/api/system/status").bearer(token("status-team", "admin")));
        assertEquals(200, response.status(), response.body());
        assertEquals(true, response.get("db_exists"));
        String dbPath = String.valueOf(response.get("db_path"));
        assertTrue(dbPath.startsWith("dynamodb:athanor-local-settings,"), dbPath);
        Set<String> given = LocalStackExtension.stack().functionEnvironment("FactoryFunction").entrySet().stream()
                .filter(variable -> variable.getKey().startsWith("ATHANOR_DYNAMODB_TABLES_"))
                .map(Map.Entry::getValue).collect(Collectors.toSet());
        assertEquals(given, Set.of(dbPath.substring("dynamodb:".length()).split(",")), "every table it is given");
        assertEquals("s3://athanor-local-artifacts-000000000000/", response.get("generated_apps_dir"));
    }

    @Test
    void malformed_json_is_400_in_the_detail_shape() {
        var response = http.send(request("POST", "/api/settings").bearer(token("json-team", "admin")).json("{\"daily_cost_limit\": "));
        assertEquals(400, response.status(), response.body());
        assertTrue(response.map().containsKey("detail"), response.body());
    }

    @Test
    void unknown_route_is_404_and_wrong_method_is_405_in_the_detail_shape() {
        var unknown = http.send(request("GET", "/api/nothing-here"));
        assertEquals(404, unknown.status());
        assertNotNull(unknown.get("detail"));
        var wrongMethod = http.send(request("DELETE", "/health"));
        assertEquals(405, wrongMethod.status(), wrongMethod.body());
        assertNotNull(wrongMethod.get("detail"));
    }

    @Test
    void a_body_over_one_mebibyte_is_413_and_writes_nothing() {
        String team = "big-body-team";
        String bearer = token(team, "admin");
        String huge = "{\"note\":\"" + "x".repeat(1_100_000) + "\"}";
        var response = http.send(request("POST", "/api/settings").bearer(bearer).json(huge));
        assertEquals(413, response.status(), response.body().substring(0, Math.min(200, response.body().length())));
        assertNotNull(response.get("detail"));
        assertTrue(LocalStackExtension.stack().dynamo().getItem(r -> r.tableName("athanor-local-settings")
                .key(Map.of("team_id", av(team), "id", av("factory")))).item().isEmpty());
    }

    @Test
    void docs_are_public() {
        var spec = http.send(request("GET", "/openapi.json"));
        assertEquals(200, spec.status());
        assertTrue(spec.body().contains("Athanor Software Factory API"));
        assertTrue(spec.body().contains("/api/settings"));
        assertEquals(200, http.send(request("GET", "/docs")).status());
        assertEquals(200, http.send(request("GET", "/redoc")).status());
    }

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String s) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
    }
}
