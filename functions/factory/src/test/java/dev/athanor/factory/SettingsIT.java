package dev.athanor.factory;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Factory settings through the Lambda handler: defaults, merging, validation, team isolation, optimistic locking. */
@ExtendWith(LocalStackExtension.class)
class SettingsIT {

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
        return FactoryTokens.mint(http, team, "admin");
    }

    private static Map<String, AttributeValue> storedItem(String team) {
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName("athanor-local-settings")
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS("factory")))).item();
    }

    @Test
    void first_read_returns_and_stores_the_defaults() {
        var response = http.send(request("GET", "/api/settings").bearer(token("defaults-team")));

        assertEquals(200, response.status(), response.body());
        assertEquals(Map.of("daily_cost_limit", "5.00", "smart_model_fallback", "anthropic/claude-3.5-sonnet",
                "max_repair_attempts", "5"), response.map());
        Map<String, AttributeValue> item = storedItem("defaults-team");
        assertEquals("5.00", item.get("values").m().get("daily_cost_limit").s());
        assertEquals("1", item.get("version").n());
    }

    @Test
    void post_merges_and_persists_and_the_aliases_agree() {
        String bearer = token("merge-team");
        var posted = http.send(request("POST", "/api/settings").bearer(bearer)
                .json("{\"daily_cost_limit\": \"10\", \"max_repair_attempts\": 3}"));
        assertEquals(200, posted.status(), posted.body());
        assertEquals("10.00", posted.get("daily_cost_limit"));
        assertEquals("3", posted.get("max_repair_attempts"));
        assertEquals("anthropic/claude-3.5-sonnet", posted.get("smart_model_fallback"));

        var patched = http.send(request("PATCH", "/api/system/settings").bearer(bearer).json("{\"smart_model_fallback\": \"gpt-4o\"}"));
        assertEquals(200, patched.status(), patched.body());

        var read = http.send(request("GET", "/api/system/settings").bearer(bearer));
        assertEquals(Map.of("daily_cost_limit", "10.00", "smart_model_fallback", "gpt-4o", "max_repair_attempts", "3"), read.map());
        assertEquals("gpt-4o", storedItem("merge-team").get("values").m().get("smart_model_fallback").s());
    }

    @Test
    void invalid_values_are_422_naming_the_fields_and_change_nothing() {
        String bearer = token("invalid-team");
        http.send(request("GET", "/api/settings").bearer(bearer));
        String versionBefore = storedItem("invalid-team").get("version").n();

        var response = http.send(request("POST", "/api/settings").bearer(bearer)
                .json("{\"daily_cost_limit\": \"-3\", \"max_repair_attempts\": \"many\", \"smart_model_fallback\": \"ok\"}"));

        assertEquals(422, response.status(), response.body());
        String detail = (String) response.get("detail");
        assertTrue(detail.contains("daily_cost_limit") && detail.contains("max_repair_attempts"), detail);
        assertEquals(versionBefore, storedItem("invalid-team").get("version").n());
        assertEquals("anthropic/claude-3.5-sonnet", storedItem("invalid-team").get("values").m().get("smart_model_fallback").s());
    }

    @Test
    void wrong_body_types_are_4xx_in_the_detail_shape() {
        String bearer = token("types-team");
        for (String body : List.of("[1,2]", "\"text\"", "{\"daily_cost_limit\": {\"a\": 1}}", "{}")) {
            var response = http.send(request("POST", "/api/settings").bearer(bearer).json(body));
            assertTrue(response.status() == 400 || response.status() == 422, body + " -> " + response.status());
            assertTrue(response.map().containsKey("detail"), response.body());
        }
    }

    @Test
    void a_team_never_sees_or_changes_another_teams_settings() {
        String teamA = token("team-a");
        String teamB = token("team-b");
        http.send(request("POST", "/api/settings").bearer(teamA).json("{\"daily_cost_limit\": \"42.00\"}"));

        var readByB = http.send(request("GET", "/api/settings").bearer(teamB));
        assertEquals("5.00", readByB.get("daily_cost_limit"));
        http.send(request("POST", "/api/settings").bearer(teamB).json("{\"daily_cost_limit\": \"1.00\"}"));

        assertEquals("42.00", http.send(request("GET", "/api/settings").bearer(teamA)).get("daily_cost_limit"));
        assertEquals("42.00", storedItem("team-a").get("values").m().get("daily_cost_limit").s());
        assertEquals("1.00", storedItem("team-b").get("values").m().get("daily_cost_limit").s());
    }

    @Test
    void of_two_concurrent_writers_one_succeeds_and_the_other_gets_409() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (LambdaHttp raceHttp = LambdaHttp.start("FactoryFunction", Map.of("test.race", "true"))) {
            String bearer = token("race-team");
            raceHttp.send(request("GET", "/api/settings").bearer(bearer)); // create the defaults (version 1)

            List<CompletableFuture<LambdaHttp.Response>> writers = new ArrayList<>();
            for (String limit : List.of("11.00", "22.00")) {
                writers.add(CompletableFuture.supplyAsync(() -> raceHttp.send(request("POST", "/api/settings")
                        .bearer(bearer).json("{\"daily_cost_limit\": \"" + limit + "\"}")), pool));
            }
            List<LambdaHttp.Response> responses = writers.stream().map(CompletableFuture::join).toList();

            List<Integer> statuses = responses.stream().map(LambdaHttp.Response::status).sorted().toList();
            assertEquals(List.of(200, 409), statuses, responses.toString());
            LambdaHttp.Response winner = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
            LambdaHttp.Response loser = responses.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
            assertTrue(((String) loser.get("detail")).contains("changed by another request"), loser.body());
            Map<String, AttributeValue> stored = storedItem("race-team");
            assertEquals(winner.get("daily_cost_limit"), stored.get("values").m().get("daily_cost_limit").s());
            assertEquals("2", stored.get("version").n());
        } finally {
            pool.shutdownNow();
        }
    }
}
