package dev.athanor.factory;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings are an admin's: other roles get 403 and change nothing. The wipe erases one team's data and no other's. */
@ExtendWith(LocalStackExtension.class)
class SettingsRightsIT {

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static Map<String, AttributeValue> storedSettings(String team) {
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName("athanor-local-settings")
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS("factory")))).item();
    }

    @Test
    void members_and_viewers_get_403_on_every_settings_route_and_change_nothing() {
        String admin = FactoryTokens.mint(http, "rights-team", "admin");
        http.send(request("POST", "/api/settings").bearer(admin).json("{\"daily_cost_limit\": \"7.00\"}"));
        http.send(request("POST", "/api/providers").bearer(admin).json("{\"name\": \"kept\"}"));

        for (String role : List.of("member", "viewer")) {
            String bearer = FactoryTokens.mint(http, "rights-team", role);
            List<LambdaHttp.Response> responses = List.of(
                    http.send(request("GET", "/api/settings").bearer(bearer)),
                    http.send(request("POST", "/api/settings").bearer(bearer).json("{\"daily_cost_limit\": \"1\"}")),
                    http.send(request("GET", "/api/system/settings").bearer(bearer)),
                    http.send(request("PATCH", "/api/system/settings").bearer(bearer)
                            .json("{\"daily_cost_limit\": \"1\"}")),
                    http.send(request("POST", "/api/settings/wipe").bearer(bearer)));
            for (LambdaHttp.Response response : responses) {
                assertEquals(403, response.status(), role + ": " + response.body());
                assertEquals(Map.of("detail", "Only an admin may read or change the team's settings (role: " + role
                        + ")"), response.map());
            }
        }

        Map<String, AttributeValue> stored = storedSettings("rights-team");
        assertEquals("7.00", stored.get("values").m().get("daily_cost_limit").s());
        assertEquals("2", stored.get("version").n());
        assertEquals(1, ProvidersIT.storedProviders("rights-team"));
    }

    @Test
    void a_refused_first_read_does_not_create_the_defaults() {
        String viewer = FactoryTokens.mint(http, "untouched-team", "viewer");

        assertEquals(403, http.send(request("GET", "/api/settings").bearer(viewer)).status());

        assertTrue(storedSettings("untouched-team").isEmpty());
    }

    @Test
    void wipe_erases_the_callers_team_only_and_seeds_the_default_settings_again() {
        for (String team : List.of("wipe-a", "wipe-b")) {
            String admin = FactoryTokens.mint(http, team, "admin");
            http.send(request("POST", "/api/settings").bearer(admin).json("{\"daily_cost_limit\": \"42.00\", "
                    + "\"theme\": \"dark\"}"));
            http.send(request("POST", "/api/providers").bearer(admin).json("{\"name\": \"p1\", \"api_key\": \"sk\"}"));
            http.send(request("POST", "/api/providers").bearer(admin).json("{\"name\": \"p2\"}"));
            assertEquals(200, http.send(request("POST", "/api/providers/p2/use").bearer(admin)).status());
        }
        String adminA = FactoryTokens.mint(http, "wipe-a", "admin");

        var wiped = http.send(request("POST", "/api/settings/wipe").bearer(adminA));

        assertEquals(200, wiped.status(), wiped.body());
        assertEquals("wiped", wiped.get("status"));
        List<?> erased = (List<?>) wiped.get("erased");
        assertTrue(erased.containsAll(List.of("providers", "settings")), erased.toString());
        assertEquals(erased.stream().sorted().toList(), erased);
        assertEquals(0, ProvidersIT.storedProviders("wipe-a"));
        Map<String, AttributeValue> settingsA = storedSettings("wipe-a");
        assertEquals("1", settingsA.get("version").n(), "the defaults are written afresh");
        assertEquals(Map.of("daily_cost_limit", "5.00", "smart_model_fallback", "anthropic/claude-3.5-sonnet",
                "max_repair_attempts", "5"), http.send(request("GET", "/api/settings").bearer(adminA)).map());
        List<Map<String, Object>> providersA = ProvidersIT.list(http.send(request("GET", "/api/providers")
                .bearer(adminA)));
        assertEquals(List.of("sandbox"), providersA.stream().map(p -> p.get("name")).toList());
        assertEquals(true, providersA.get(0).get("active"));

        assertEquals(2, ProvidersIT.storedProviders("wipe-b"));
        Map<String, AttributeValue> settingsB = storedSettings("wipe-b");
        assertEquals("42.00", settingsB.get("values").m().get("daily_cost_limit").s());
        assertEquals("p2", settingsB.get("values").m().get("llm_provider").s());
        assertTrue(ProvidersIT.storedProvider("wipe-b", "p1").containsKey("sealed_api_key"));

        var again = http.send(request("POST", "/api/settings/wipe").bearer(adminA));
        assertEquals(200, again.status(), "a wipe can be repeated");
    }
}
