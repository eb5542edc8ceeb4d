package dev.athanor.factory;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every 403 of the factory is recorded in the caller's team's activity log and listed by GET /api/permissions. */
@ExtendWith(LocalStackExtension.class)
class PermissionDeniedIT {

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction", Map.of("test.refusing-routes", "true"));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static String token(String team, String role) {
        return FactoryTokens.mint(http, team, role);
    }

    private static List<Map<String, Object>> permissions(String bearer) {
        var response = http.send(request("GET", "/api/permissions").bearer(bearer));
        assertEquals(200, response.status(), response.body());
        return response.list();
    }

    @Test
    void a_role_security_refuses_is_a_403_in_the_detail_shape_and_is_recorded_for_the_team() {
        Instant before = Instant.now();
        var refused = http.send(request("GET", "/test/refusing/admin-only").bearer(token("denied-team", "viewer")));

        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.map().containsKey("detail"), refused.body());
        List<Map<String, Object>> entries = permissions(token("denied-team", "admin"));
        assertEquals(1, entries.size(), entries.toString());
        Map<String, Object> entry = entries.get(0);
        assertEquals("permission_denied", entry.get("action"));
        assertEquals("denied", entry.get("status"));
        String detail = (String) entry.get("detail");
        assertTrue(detail.contains("GET /test/refusing/admin-only") && detail.contains("viewer"), detail);
        assertFalse(Instant.parse((String) entry.get("timestamp")).isBefore(before.minusSeconds(1)));
        assertTrue(entry.containsKey("agent") && entry.get("agent") == null, "every field is present: " + entry);
        assertNull(entry.get("job_slug"));
    }

    @Test
    void a_403_from_the_route_itself_is_recorded_too_newest_first() {
        String member = token("route-refusal-team", "member");
        assertEquals(403, http.send(request("GET", "/test/refusing/admin-only").bearer(member)).status());
        var refused = http.send(request("GET", "/test/refusing/refused").bearer(member));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("Not for this caller", refused.get("detail"));

        List<Map<String, Object>> entries = permissions(member);

        assertEquals(2, entries.size(), entries.toString());
        assertTrue(((String) entries.get(0).get("detail")).contains("/test/refusing/refused"), entries.toString());
        assertTrue(((String) entries.get(1).get("detail")).contains("/test/refusing/admin-only"), entries.toString());
        assertTrue(((String) entries.get(0).get("detail")).contains("member"), entries.toString());
    }

    @Test
    void allowed_calls_and_calls_without_a_token_are_not_recorded_and_other_teams_see_nothing() {
        String admin = token("allowed-team", "admin");
        assertEquals(200, http.send(request("GET", "/test/refusing/admin-only").bearer(admin)).status());
        assertEquals(401, http.send(request("GET", "/test/refusing/admin-only")).status());
        assertEquals(403, http.send(request("GET", "/test/refusing/refused").bearer(token("noisy-team", "viewer")))
                .status());

        assertEquals(List.of(), permissions(admin));
        var agents = http.send(request("GET", "/api/agents").bearer(admin));
        assertEquals("[]", agents.body());
        assertEquals(1, permissions(token("noisy-team", "admin")).size());
    }
}
