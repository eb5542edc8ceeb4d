package dev.athanor.factory;

import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost endpoints and the task counts through the factory's Lambda handler, over ledger rows written by a context
 * configured as the ledger function (which writes the ledger from the usage queue): both share the stack's local database.
 */
@ExtendWith(LocalStackExtension.class)
class CostsIT {

    private static final Instant NOW = Instant.now();

    private static LambdaHttp http;
    private static ApplicationContext worker;
    private static String teamA;
    private static String teamB;
    private static String empty;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction");
        worker = TestFunctions.start("LedgerFunction");
        UsageLedger ledger = worker.getBean(UsageLedger.class);
        ledger.record(List.of(
                call("a1", "costs-a", "factory", "my-app", "dev_agent", "5.20", 1000, 400, "ok", NOW),
                call("a2", "costs-a", "factory", "my-app", "qa_agent", "3.10", 600, 200, "ok", daysAgo(2)),
                call("a3", "costs-a", "factory", "another-app", "dev_agent", "0.30", 100, 50, "rate_limited",
                        daysAgo(10)),
                call("a4", "costs-a", "factory", null, "qa_agent", "0.05", 10, 5, "ok", NOW),
                call("a5", "costs-a", "gateway", null, null, "100", 10, 5, "ok", NOW),
                call("b1", "costs-b", "factory", "my-app", "dev_agent", "1.00", 50, 20, "ok", NOW)));
        teamA = FactoryTokens.mint(http, "costs-a", "viewer");
        teamB = FactoryTokens.mint(http, "costs-b", "member");
        empty = FactoryTokens.mint(http, "costs-empty", "admin");
    }

    @AfterAll
    static void stop() {
        worker.close();
        http.close();
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static UsageEvent call(String id, String team, String surface, String job, String agent, String cost,
                                   int in, int out, String status, Instant at) {
        return new UsageEvent("costs-" + id, team, surface, null, job, agent, "openai", "gpt-4o", in, out,
                new BigDecimal(cost), 300, null, status, at);
    }

    private static void assertAmount(String expected, Object actual) {
        assertInstanceOf(Number.class, actual, "amounts are JSON numbers");
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())),
                expected + " vs " + actual);
    }

    private static void assertCount(long expected, Object actual) {
        assertInstanceOf(Number.class, actual, "counts are JSON numbers");
        assertEquals(expected, ((Number) actual).longValue());
    }

    @Test
    void summary_totals_the_teams_factory_calls_with_the_average_and_the_top_agent() {
        var response = http.send(request("GET", "/api/costs/summary").bearer(teamA));

        assertEquals(200, response.status(), response.body());
        Map<String, Object> body = response.map();
        assertAmount("8.65", body.get("total_cost_usd"));
        assertCount(4, body.get("total_calls"));
        assertAmount("2.1625", body.get("avg_cost_per_call"));
        assertEquals("dev_agent", body.get("top_agent"));
    }

    @Test
    void by_agent_is_most_expensive_first_with_calls_and_tokens() {
        var response = http.send(request("GET", "/api/costs/by-agent").bearer(teamA));

        assertEquals(200, response.status(), response.body());
        List<Map<String, Object>> agents = response.list();
        assertEquals(List.of("dev_agent", "qa_agent"), agents.stream().map(a -> a.get("agent")).toList());
        assertAmount("5.50", agents.get(0).get("cost_usd"));
        assertCount(2, agents.get(0).get("calls"));
        assertCount(1100, agents.get(0).get("tokens_in"));
        assertCount(450, agents.get(0).get("tokens_out"));
        assertAmount("3.15", agents.get(1).get("cost_usd"));
        assertCount(610, agents.get(1).get("tokens_in"));
        assertCount(205, agents.get(1).get("tokens_out"));
    }

    @Test
    void by_job_is_most_expensive_first_and_calls_outside_a_job_have_a_null_slug() {
        var response = http.send(request("GET", "/api/costs/by-job").bearer(teamA));

        assertEquals(200, response.status(), response.body());
        List<Map<String, Object>> jobs = response.list();
        assertEquals(Arrays.asList("my-app", "another-app", null), jobs.stream().map(j -> j.get("job_slug")).toList());
        assertAmount("8.30", jobs.get(0).get("cost_usd"));
        assertCount(2, jobs.get(0).get("calls"));
        assertAmount("0.30", jobs.get(1).get("cost_usd"));
        assertAmount("0.05", jobs.get(2).get("cost_usd"));
        assertTrue(jobs.get(2).containsKey("job_slug"));
    }

    @Test
    void costs_gives_the_totals_and_both_breakdowns() {
        var response = http.send(request("GET", "/api/costs").bearer(teamA));

        assertEquals(200, response.status(), response.body());
        Map<String, Object> body = response.map();
        assertAmount("8.65", body.get("total_cost_usd"));
        assertCount(2365, body.get("total_tokens"));
        assertCount(4, body.get("total_calls"));
        List<?> byTask = (List<?>) body.get("by_task");
        List<?> byAgent = (List<?>) body.get("by_agent");
        assertEquals(3, byTask.size());
        assertEquals(2, byAgent.size());
        assertEquals("my-app", ((Map<?, ?>) byTask.get(0)).get("job_slug"));
        assertEquals("dev_agent", ((Map<?, ?>) byAgent.get(0)).get("agent"));
    }

    @Test
    void daily_lists_every_utc_day_oldest_first_with_zeros_for_days_without_calls() {
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        var week = http.send(request("GET", "/api/costs/daily").bearer(teamA));
        LocalDate after = LocalDate.now(ZoneOffset.UTC);

        assertEquals(200, week.status(), week.body());
        List<Map<String, Object>> days = week.list();
        assertEquals(7, days.size(), "seven days by default");
        LocalDate today = LocalDate.parse((String) days.get(6).get("date"));
        assertTrue(!today.isBefore(before) && !today.isAfter(after), "the last day is today: " + today);
        for (int i = 0; i < 7; i++) {
            assertEquals(today.minusDays(6 - i).toString(), days.get(i).get("date"));
        }
        if (today.equals(LocalDate.ofInstant(NOW, ZoneOffset.UTC))) {
            assertAmount("5.25", days.get(6).get("cost_usd"));
            assertCount(2, days.get(6).get("calls"));
            assertAmount("3.10", days.get(4).get("cost_usd"));
            assertCount(1, days.get(4).get("calls"));
            assertAmount("0", days.get(5).get("cost_usd"));
            assertCount(0, days.get(5).get("calls"));
        }

        List<Map<String, Object>> month = http.send(request("GET", "/api/costs/daily").query("days", "30")
                .bearer(teamA)).list();
        assertEquals(30, month.size());
        assertCount(4, month.stream().mapToLong(d -> ((Number) d.get("calls")).longValue()).sum());
        assertEquals(1, http.send(request("GET", "/api/costs/daily").query("days", "1").bearer(teamA)).list().size());
    }

    @Test
    void tasks_count_the_factory_calls_that_succeeded_and_failed() {
        var response = http.send(request("GET", "/api/tasks").bearer(teamA));

        assertEquals(200, response.status(), response.body());
        assertCount(4, response.get("total"));
        assertCount(3, response.get("success"));
        assertCount(1, response.get("failed"));
        assertTrue(response.get("logs") instanceof List<?>, response.body());
    }

    @Test
    void a_team_sees_only_its_own_calls() {
        Map<String, Object> summary = http.send(request("GET", "/api/costs/summary").bearer(teamB)).map();
        assertAmount("1", summary.get("total_cost_usd"));
        assertCount(1, summary.get("total_calls"));
        assertEquals(List.of("my-app"), http.send(request("GET", "/api/costs/by-job").bearer(teamB)).list().stream()
                .map(j -> j.get("job_slug")).toList());
        assertCount(1, http.send(request("GET", "/api/tasks").bearer(teamB)).get("total"));
    }

    @Test
    void a_team_without_calls_gets_zeros_and_empty_lists() {
        Map<String, Object> summary = http.send(request("GET", "/api/costs/summary").bearer(empty)).map();
        assertAmount("0", summary.get("total_cost_usd"));
        assertCount(0, summary.get("total_calls"));
        assertAmount("0", summary.get("avg_cost_per_call"));
        assertTrue(summary.containsKey("top_agent"));
        assertNull(summary.get("top_agent"));
        assertEquals("[]", http.send(request("GET", "/api/costs/by-agent").bearer(empty)).body());
        assertEquals("[]", http.send(request("GET", "/api/costs/by-job").bearer(empty)).body());
        Map<String, Object> costs = http.send(request("GET", "/api/costs").bearer(empty)).map();
        assertEquals(List.of(), costs.get("by_task"));
        assertCount(0, costs.get("total_tokens"));
        assertTrue(http.send(request("GET", "/api/costs/daily").bearer(empty)).list().stream()
                .allMatch(d -> ((Number) d.get("calls")).longValue() == 0));
    }

    @Test
    void days_outside_1_to_30_or_not_a_whole_number_are_422_in_the_detail_shape() {
        for (String days : List.of("0", "31", "-1", "x", "2.5", "99999999999")) {
            var response = http.send(request("GET", "/api/costs/daily").query("days", days).bearer(teamA));
            assertEquals(422, response.status(), days + " -> " + response.body());
            assertTrue(((String) response.get("detail")).contains("days"), response.body());
        }
    }

    @Test
    void the_cost_endpoints_need_a_token() {
        for (String path : List.of("/api/costs", "/api/costs/summary", "/api/costs/by-agent", "/api/costs/by-job",
                "/api/costs/daily", "/api/tasks")) {
            var response = http.send(request("GET", path));
            assertEquals(401, response.status(), path);
            assertTrue(response.map().containsKey("detail"), path);
        }
    }
}
