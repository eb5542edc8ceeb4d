package dev.athanor.gateway.analytics;

import dev.athanor.model.TeamId;
import dev.athanor.model.settings.SettingsRepository;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import static dev.athanor.gateway.analytics.AnalyticsGateway.assertAmount;
import static dev.athanor.gateway.analytics.AnalyticsGateway.assertCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reported usage through the gateway's handler into the ledger, and read back per user, model and period. */
@ExtendWith(LocalStackExtension.class)
class UsageAnalyticsIT {

    private static AnalyticsGateway gateway;

    @BeforeAll
    static void start() {
        gateway = AnalyticsGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String report(String user, String model, int tokens, String timestamp) {
        return """
                {"user_id":"%s","model":"%s","tokens_used":%d,"request_type":"chat_completion",
                 "timestamp":"%s","metadata":{"conversation_id":"conv_abc123","project_id":"project_xyz"}}"""
                .formatted(user, model, tokens, timestamp);
    }

    @Test
    void a_reported_call_is_recorded_with_every_field_and_a_get_right_after_sees_it() throws Exception {
        String team = AnalyticsGateway.team("report");
        String member = gateway.token(team, "member", "alice");

        LambdaHttp.Response recorded = gateway.report(member, report("user123", "gpt-3.5-turbo", 151,
                "2025-10-26T10:30:00Z"));

        assertEquals(200, recorded.status(), recorded.body());
        Map<String, Object> body = recorded.map();
        assertEquals(Set.of("recorded", "usage_id", "quota_remaining"), body.keySet());
        assertEquals(true, body.get("recorded"));
        String usageId = (String) body.get("usage_id");
        assertTrue(usageId.matches("usage_[0-9a-f]{32}"), usageId);
        assertNull(body.get("quota_remaining"), "the team sets no per-user quota");
        Map<String, Object> row = gateway.row(usageId);
        assertEquals(team, row.get("team_id"));
        assertEquals("gateway", row.get("surface"));
        assertEquals("user123", row.get("user_id"));
        assertNull(row.get("api_key_id"));
        assertEquals("chat_completion", row.get("request_type"));
        assertEquals("reported", row.get("source"));
        assertEquals("gpt-3.5-turbo", row.get("model"));
        assertNull(row.get("provider"));
        assertEquals(76, row.get("prompt_tokens"), "the odd token counts as input");
        assertEquals(75, row.get("completion_tokens"));
        assertEquals(151, row.get("total_tokens"));
        // 76 x 0.50 + 75 x 1.50 USD per million tokens
        assertEquals(0, new BigDecimal("0.0001505").compareTo((BigDecimal) row.get("cost_usd")), row.toString());
        assertEquals("ok", row.get("status"));
        assertEquals(Instant.parse("2025-10-26T10:30:00Z"), ((OffsetDateTime) row.get("occurred_at")).toInstant());
        assertEquals("{\"conversation_id\":\"conv_abc123\",\"project_id\":\"project_xyz\"}", row.get("metadata"));

        assertEquals(403, gateway.analytics(member, "user123").status(), "alice is not user123 and not an admin");
        LambdaHttp.Response analytics = gateway.analytics(gateway.token(team, "admin", "root"), "user123",
                "start_date", "2025-10-01", "end_date", "2025-10-31");
        assertEquals(200, analytics.status(), analytics.body());
        assertEquals(Map.of("user_id", "user123",
                "period", Map.of("start", "2025-10-01T00:00:00Z", "end", "2025-10-31T23:59:59Z"),
                "total_tokens", 151, "total_requests", 1,
                "model_breakdown", Map.of("gpt-3.5-turbo", Map.of("tokens", 151, "requests", 1,
                        "cost_estimate", new BigDecimal("0.0001505")))), normalise(analytics.map()));
    }

    @Test
    void the_same_report_sent_again_is_recorded_once_under_the_same_id() throws Exception {
        String team = AnalyticsGateway.team("retry");
        String member = gateway.token(team, "member", "alice");
        String body = report("user-r", "gpt-4o", 10, "2025-11-02T08:00:00Z");

        String first = (String) gateway.report(member, body).get("usage_id");
        LambdaHttp.Response again = gateway.report(member, body);

        assertEquals(200, again.status(), again.body());
        assertEquals(first, again.get("usage_id"));
        assertEquals(1, gateway.rows(team));
        String other = (String) gateway.report(member, report("user-r", "gpt-4o", 10, "2025-11-02T08:00:01Z"))
                .get("usage_id");
        assertTrue(!other.equals(first), "another call, another id");
        assertEquals(2, gateway.rows(team));
    }

    @Test
    void the_breakdown_is_per_model_with_its_cost_and_the_dates_and_model_filter_the_calls() {
        String team = AnalyticsGateway.team("breakdown");
        String bob = gateway.token(team, "member", "bob");
        gateway.report(bob, report("bob", "gpt-4o", 1000, "2025-09-30T23:59:59Z"));
        gateway.report(bob, report("bob", "gpt-4o", 200, "2025-10-01T00:00:00Z"));
        gateway.report(bob, report("bob", "claude-3-5-sonnet", 500, "2025-10-15T12:00:00+02:00"));
        gateway.report(bob, report("bob", "gpt-4o", 300, "2025-10-31T23:59:59.500Z"));
        gateway.report(bob, report("bob", "gpt-4o", 50, "2025-11-01T00:00:00Z"));

        Map<String, Object> october = gateway.analytics(bob, "bob", "start_date", "2025-10-01",
                "end_date", "2025-10-31").map();
        assertCount(1000, october.get("total_tokens"));
        assertCount(3, october.get("total_requests"));
        Map<?, ?> models = (Map<?, ?>) october.get("model_breakdown");
        assertEquals(Set.of("gpt-4o", "claude-3-5-sonnet"), models.keySet());
        Map<?, ?> gpt = (Map<?, ?>) models.get("gpt-4o");
        assertCount(500, gpt.get("tokens"));
        assertCount(2, gpt.get("requests"));
        assertAmount("0.003125", gpt.get("cost_estimate")); // (100 + 150) x 2.50 + (100 + 150) x 10.00 per million
        Map<?, ?> claude = (Map<?, ?>) models.get("claude-3-5-sonnet");
        assertCount(500, claude.get("tokens"));
        assertCount(1, claude.get("requests"));
        assertAmount("0.0045", claude.get("cost_estimate")); // 250 x 3.00 + 250 x 15.00 per million

        Map<String, Object> onlyGpt = gateway.analytics(bob, "bob", "start_date", "2025-10-01", "end_date",
                "2025-10-31", "model", "gpt-4o").map();
        assertEquals(Set.of("gpt-4o"), ((Map<?, ?>) onlyGpt.get("model_breakdown")).keySet());
        assertCount(500, onlyGpt.get("total_tokens"));
        assertCount(2, onlyGpt.get("total_requests"));

        Map<String, Object> aroundMidnight = gateway.analytics(bob, "bob", "start_date", "2025-09-30T23:59:59Z",
                "end_date", "2025-10-01T02:00:00+02:00").map();
        assertEquals(Map.of("start", "2025-09-30T23:59:59Z", "end", "2025-10-01T00:00:00Z"),
                aroundMidnight.get("period"));
        assertCount(1200, aroundMidnight.get("total_tokens"));
        assertCount(2, aroundMidnight.get("total_requests"));

        Map<String, Object> thisMonth = gateway.analytics(bob, "bob").map();
        assertEquals(Map.of("start", "2025-11-01T00:00:00Z", "end", "2025-11-30T23:59:59Z"), thisMonth.get("period"),
                "without dates: the current calendar month in UTC");
        assertCount(50, thisMonth.get("total_tokens"));
        Map<String, Object> sinceSeptember = gateway.analytics(bob, "bob", "start_date", "2025-09-01").map();
        assertEquals("2025-11-30T23:59:59Z", ((Map<?, ?>) sinceSeptember.get("period")).get("end"));
        assertCount(2050, sinceSeptember.get("total_tokens"));
        Map<String, Object> untilSeptember = gateway.analytics(bob, "bob", "end_date", "2025-09-30").map();
        assertEquals("2025-09-01T00:00:00Z", ((Map<?, ?>) untilSeptember.get("period")).get("start"),
                "without a start: the first day of the end's month");
        assertCount(1000, untilSeptember.get("total_tokens"));
    }

    @Test
    void quota_remaining_is_the_team_quota_less_the_users_tokens_this_month_and_never_below_zero() {
        String team = AnalyticsGateway.team("quota");
        gateway.http.context().getBean(SettingsRepository.class).save(TeamId.of(team), "factory",
                Map.of("user_token_quota", "1000"), null);
        String member = gateway.token(team, "member", "alice");

        assertCount(1000, gateway.report(member, report("dave", "gpt-4o", 900, "2025-10-31T23:59:59Z"))
                .get("quota_remaining"), "last month's calls do not count");
        assertCount(700, gateway.report(member, """
                {"user_id":"dave","model":"gpt-4o","tokens_used":300}""").get("quota_remaining"));
        assertCount(1000, gateway.report(member, report("erin", "gpt-4o", 0, "2025-11-03T00:00:00Z"))
                .get("quota_remaining"), "each user has a quota of their own");
        assertCount(0, gateway.report(member, report("dave", "gpt-4o", 800, "2025-11-10T00:00:00Z"))
                .get("quota_remaining"));
        assertCount(1100, gateway.analytics(gateway.token(team, "member", "dave"), "dave").get("total_tokens"),
                "over the quota, the calls are still recorded");
    }

    /** JSON numbers as the test writes them: whole ones as ints, amounts as BigDecimal. */
    @SuppressWarnings("unchecked")
    static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, normalise(v)));
            return copy;
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
            return decimal.scale() <= 0 ? (Object) decimal.intValueExact() : decimal;
        }
        return value;
    }
}
