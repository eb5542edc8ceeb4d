package dev.athanor.gateway.analytics;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.athanor.gateway.analytics.AnalyticsGateway.assertCount;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may record and read usage, and bad input answered with 4xx in the {"detail"} shape, nothing written. */
@ExtendWith(LocalStackExtension.class)
class AnalyticsRulesIT {

    private static final String VALID = """
            {"user_id":"frank","model":"gpt-4o","tokens_used":100,"request_type":"chat_completion",
             "timestamp":"2025-11-02T10:00:00Z","metadata":{"conversation_id":"s1"}}""";

    private static AnalyticsGateway gateway;
    private static String team;

    @BeforeAll
    static void start() {
        gateway = AnalyticsGateway.start();
        team = AnalyticsGateway.team("rules");
        assertEquals(200, gateway.report(gateway.token(team, "admin", "root"), VALID).status());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static void assertDetail(int status, LambdaHttp.Response response, String mentions) {
        assertEquals(status, response.status(), response.body());
        // seed 001's {"detail"}, and beside it OpenAI's error object, as on every /v1 route
        assertEquals(List.of("detail", "error"), List.copyOf(response.map().keySet()), response.body());
        String detail = (String) response.get("detail");
        assertTrue(detail.contains(mentions), response.body());
        assertEquals(detail, ((Map<?, ?>) response.get("error")).get("message"), response.body());
    }

    @Test
    void a_user_reads_their_own_analytics_and_not_another_users() {
        String frank = gateway.token(team, "viewer", "frank");

        LambdaHttp.Response own = gateway.analytics(frank, "frank");

        assertEquals(200, own.status(), own.body());
        assertCount(100, own.get("total_tokens"));
        assertDetail(403, gateway.analytics(frank, "grace"), "admin");
        assertDetail(403, gateway.analytics(gateway.token(team, "member", null), "frank"), "admin");
    }

    @Test
    void an_admin_reads_any_user_of_the_team_and_nobody_reads_another_teams_rows() {
        assertCount(100, gateway.analytics(gateway.token(team, "admin", "root"), "frank").get("total_tokens"));

        LambdaHttp.Response otherTeam = gateway.analytics(gateway.token(AnalyticsGateway.team("other"), "admin",
                "frank"), "frank");

        assertEquals(200, otherTeam.status(), otherTeam.body());
        assertCount(0, otherTeam.get("total_tokens"));
        assertCount(0, otherTeam.get("total_requests"));
        assertEquals(Map.of(), otherTeam.get("model_breakdown"));
    }

    @Test
    void a_viewer_may_not_record_usage_and_nothing_is_written() throws Exception {
        String quiet = AnalyticsGateway.team("viewer");

        assertDetail(403, gateway.report(gateway.token(quiet, "viewer", "frank"), VALID), "viewer");

        assertEquals(0, gateway.rows(quiet));
    }

    @Test
    void without_a_token_both_routes_are_401() {
        assertEquals(401, gateway.http.send(request("POST", "/v1/analytics/usage").json(VALID)).status());
        assertEquals(401, gateway.http.send(request("GET", "/v1/analytics/user/frank")).status());
    }

    @Test
    void every_bad_field_is_422_naming_it_and_nothing_is_written() throws Exception {
        String bad = AnalyticsGateway.team("bad");
        String member = gateway.token(bad, "member", "alice");
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"model\":\"gpt-4o\",\"tokens_used\":1}", "user_id is required");
        cases.put("{\"user_id\":null,\"model\":\"gpt-4o\",\"tokens_used\":1}", "user_id is required");
        cases.put("{\"user_id\":\"  \",\"model\":\"gpt-4o\",\"tokens_used\":1}", "user_id must not be blank");
        cases.put("{\"user_id\":\"" + "u".repeat(256) + "\",\"model\":\"gpt-4o\",\"tokens_used\":1}",
                "user_id must be at most 255");
        cases.put("{\"user_id\":\"a\\u0000b\",\"model\":\"gpt-4o\",\"tokens_used\":1}", "user_id must not contain");
        cases.put("{\"user_id\":7,\"model\":\"gpt-4o\",\"tokens_used\":1}", "user_id must be a string");
        cases.put("{\"user_id\":\"u\",\"tokens_used\":1}", "model is required");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\"}", "tokens_used is required");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":\"150\"}", "tokens_used must be an integer");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1.5}", "tokens_used must be an integer");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":-1}", "tokens_used must be between");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":10000001}", "tokens_used must be between");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"request_type\":\"chat completion\"}",
                "request_type must be");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"timestamp\":\"yesterday\"}",
                "timestamp must be an ISO 8601 date-time");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"timestamp\":\"2025-13-01T00:00:00Z\"}",
                "timestamp must be an ISO 8601 date-time");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"timestamp\":\"2025-11-16T12:00:00Z\"}",
                "timestamp must be after 1970 and not in the future");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"timestamp\":1761474600}",
                "timestamp must be a string");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"metadata\":\"x\"}",
                "metadata must be an object");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"metadata\":{\"a\":{\"b\":1}}}",
                "metadata.a must be a string, number, boolean or null");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"metadata\":{\"a\":\""
                + "v".repeat(513) + "\"}}", "metadata.a must be at most 512");
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"metadata\":{\"" + "k".repeat(65)
                + "\":1}}", "metadata keys must be 1 to 64");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"metadata\":" + many + "}}",
                "metadata must have at most 20 keys");
        StringBuilder large = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            large.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("v".repeat(300)).append('"');
        }
        cases.put("{\"user_id\":\"u\",\"model\":\"gpt-4o\",\"tokens_used\":1,\"metadata\":" + large + "}}",
                "metadata must be at most 4096");
        cases.put("[1,2]", "The body must be a JSON object");

        cases.forEach((body, detail) -> assertDetail(422, gateway.report(member, body), detail));
        assertDetail(400, gateway.report(member, "{\"user_id\": \"u\", "), "JSON");
        assertEquals(0, gateway.rows(bad), "nothing written");
    }

    @Test
    void bad_query_parameters_and_user_ids_are_422_naming_them() {
        String admin = gateway.token(team, "admin", "root");

        assertDetail(422, gateway.analytics(admin, "frank", "start_date", "yesterday"), "start_date must be an ISO 8601");
        assertDetail(422, gateway.analytics(admin, "frank", "end_date", "2025-02-30"), "end_date must be an ISO 8601");
        assertDetail(422, gateway.analytics(admin, "frank", "start_date", "2025-11-02", "end_date", "2025-11-01"),
                "start_date must not be after end_date");
        assertDetail(422, gateway.analytics(admin, "frank", "start_date", "1969-12-31"), "start_date must be between");
        assertDetail(422, gateway.analytics(admin, "frank", "model", "m".repeat(256)), "model must be at most 255");
        assertDetail(422, gateway.analytics(admin, "u".repeat(256)), "user_id must be at most 255");
    }
}
