package dev.athanor.orchestrator.metrics;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.testkit.ApiGatewayEvents;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.athanor.model.orchestrator.TaskStatus.COMPLETED;
import static dev.athanor.model.orchestrator.TaskStatus.FAILED;
import static dev.athanor.model.orchestrator.TaskStatus.IN_PROGRESS;
import static dev.athanor.model.orchestrator.TaskStatus.PENDING;
import static dev.athanor.orchestrator.metrics.MetricsSeed.byAgent;
import static dev.athanor.orchestrator.metrics.MetricsSeed.daysBefore;
import static dev.athanor.orchestrator.metrics.MetricsSeed.iteration;
import static dev.athanor.orchestrator.metrics.MetricsSeed.normalized;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics reports and the Prometheus text through the orchestrator's Lambda handler, over tasks and metered calls
 * with known figures. The clock stands still (test.movable-clock), so "today" is the same day for seeding and
 * reading; the seeded figures are at today's midnight (D0) and whole days before it.
 */
@ExtendWith(LocalStackExtension.class)
class MetricsApiIT {

    private static LambdaHttp http;
    private static LocalDate today;
    private static Instant d0;
    private static Caller a;
    private static Caller b;
    private static String projectP;
    private static String projectQ;

    private record Caller(TeamId team, String bearer) {
    }

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("OrchestratorFunction", Map.of("test.movable-clock", true));
        today = http.context().getBean(Clock.class).instant().atOffset(ZoneOffset.UTC).toLocalDate();
        d0 = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        MetricsSeed seed = new MetricsSeed(http.context().getBean(TaskStore.class),
                http.context().getBean(UsageLedger.class));
        a = newCaller();
        b = newCaller();
        var created = http.send(request("POST", "/api/projects").bearer(a.bearer()).json("{\"name\": \"Shop\"}"));
        assertEquals(201, created.status(), created.body());
        projectP = (String) created.get("id");
        projectQ = UUID.randomUUID().toString();
        Instant hourBefore = d0.minusSeconds(3600);
        // team A: a completed task that switched agent, a failed one, one running, one pending, one 40 days old
        seed.task(a.team(), projectP, COMPLETED, hourBefore, d0, 5, 30.0, 0.9, true, 0, 1, List.of(
                iteration(1, "claude", "claude-sonnet-4-5", 0.6, 1000, 0.5, 10, d0),
                iteration(2, "gemini", "gemini-2.5-pro", 0.9, 1000, 0.1, 10, d0)));
        seed.task(a.team(), projectP, FAILED, hourBefore, d0, 4, 25.0, 0.5, false, 2, 0, List.of(
                iteration(1, "copilot", "gpt-4o", 0.5, 500, 0.2, 5, d0),
                iteration(2, "copilot", "gpt-4o", 0.5, 500, 0.2, 5, d0),
                iteration(3, "copilot", "gpt-4o", 0.5, 500, 0.2, 5, d0),
                iteration(4, "copilot", "gpt-4o", 0.5, 500, 0.2, 5, d0)));
        seed.task(a.team(), projectQ, IN_PROGRESS, hourBefore, null, 5, null, null, false, 0, 0, List.of(
                iteration(1, "claude", "claude-sonnet-4-5", null, 300, 0.3, 3, d0)));
        seed.task(a.team(), projectP, PENDING, hourBefore, null, 5, null, null, false, 0, 0, List.of());
        Instant old = daysBefore(d0, 40);
        seed.task(a.team(), projectP, COMPLETED, old, old, 2, 40.0, 0.8, true, 0, 0, List.of(
                iteration(1, "claude", "claude-sonnet-4-5", 0.8, 2000, 1.0, 20, old)));
        seed.call(a.team(), "orchestrator", "claude", "claude-sonnet-4-5", 1000, 200, "0.006", d0);
        seed.call(a.team(), "orchestrator", "gemini", "gemini-2.5-pro", 10000, 2000, "0.02", daysBefore(d0, 2));
        seed.call(a.team(), "orchestrator", null, "claude-sonnet-4-5", 100, 0, "0.001", daysBefore(d0, 1));
        // another surface of the same team, and another team: neither counts for team A
        seed.call(a.team(), "factory", "claude", "claude-sonnet-4-5", 5000, 5000, "100", d0);
        seed.call(b.team(), "orchestrator", "claude", "claude-sonnet-4-5", 1000, 0, "5", d0);
        seed.task(b.team(), projectP, COMPLETED, hourBefore, d0, 3, 12.0, 1.0, true, 0, 0, List.of(
                iteration(1, "cursor", "gpt-4o", 1.0, 100, 7.0, 12, d0)));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static Caller newCaller() {
        TeamId team = TeamId.of("orch-" + UUID.randomUUID());
        return new Caller(team, http.context().getBean(TokenIssuer.class).issue(team, Roles.MEMBER).token());
    }

    private static LambdaHttp.Response get(Caller caller, String path, String... query) {
        ApiGatewayEvents event = request("GET", path);
        if (caller != null) {
            event.bearer(caller.bearer());
        }
        for (int i = 0; i < query.length; i += 2) {
            event.query(query[i], query[i + 1]);
        }
        return http.send(event);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            result.put((String) pairs[i], pairs[i + 1]);
        }
        return result;
    }

    private static String day(int daysBeforeToday) {
        return daysBefore(d0, daysBeforeToday).toString();
    }

    private static void assertUnprocessable(LambdaHttp.Response response, String... named) {
        assertEquals(422, response.status(), response.body());
        assertEquals(List.of("detail"), List.copyOf(response.map().keySet()), response.body());
        for (String name : named) {
            assertTrue(((String) response.get("detail")).contains(name), response.body());
        }
    }

    @Test
    void the_dashboard_adds_up_the_teams_tasks_and_its_metered_orchestrator_calls() {
        var response = get(a, "/api/metrics/dashboard");

        assertEquals(200, response.status(), response.body());
        // savings: 11100 prompt and 2200 completion tokens at claude-sonnet-4-5 ($3 / $15 per million) = 0.0663,
        // minus the 0.027 spent; projection: 0.027 over the 3 days since the first cost, times 30
        assertEquals(map("total_projects", 1.0, "active_tasks", 2.0, "completed_today", 1.0,
                "total_cost_today", 0.006,
                "performance", map("avg_time_per_task", 31.6667, "avg_iterations", 2.3333, "avg_quality", 0.7333,
                        "success_rate", 0.6667, "token_reduction_percent", 45.45, "speed_improvement_factor", 1.83,
                        "cost_savings_percent", 59.28),
                "cost", map("total_cost", 0.027,
                        "cost_by_agent", byAgent("claude", 0.006, "gemini", 0.02, "unattributed", 0.001),
                        "avg_cost_per_task", 0.00675, "monthly_projection", 0.27, "savings_vs_all_claude", 0.0393)),
                normalized(response.map()));
    }

    @Test
    void without_history_every_figure_of_every_report_is_zero() {
        Caller empty = newCaller();

        var dashboard = get(empty, "/api/metrics/dashboard");
        var performance = get(empty, "/api/metrics/performance");
        var cost = get(empty, "/api/metrics/cost", "period", "7d");
        var agents = get(empty, "/api/metrics/agents");
        var quality = get(empty, "/api/metrics/quality", "start_date", today.toString());

        assertEquals(200, dashboard.status(), dashboard.body());
        assertEquals(map("total_projects", 0.0, "active_tasks", 0.0, "completed_today", 0.0, "total_cost_today", 0.0,
                "performance", map("avg_time_per_task", 0.0, "avg_iterations", 0.0, "avg_quality", 0.0,
                        "success_rate", 0.0, "token_reduction_percent", 0.0, "speed_improvement_factor", 0.0,
                        "cost_savings_percent", 0.0),
                "cost", map("total_cost", 0.0, "cost_by_agent", byAgent(), "avg_cost_per_task", 0.0,
                        "monthly_projection", 0.0, "savings_vs_all_claude", 0.0)), normalized(dashboard.map()));
        assertEquals(200, performance.status(), performance.body());
        assertEquals(performanceBody(null, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
                normalized(performance.map()));
        assertEquals(200, cost.status(), cost.body());
        List<Object> days = new ArrayList<>();
        for (int i = 6; i >= 0; i--) {
            days.add(map("date", day(i), "cost", 0.0, "tokens", 0.0, "iterations", 0.0));
        }
        assertEquals(map("project_id", null, "period", "7d", "start_date", day(6), "end_date", day(0),
                "total_cost", 0.0, "total_tokens", 0.0, "tasks", 0.0, "iterations", 0.0, "avg_cost_per_task", 0.0,
                "cost_by_agent", byAgent(), "cost_by_model", map(), "daily", days, "monthly_projection", 0.0),
                normalized(cost.map()));
        assertEquals(200, agents.status(), agents.body());
        assertEquals(List.of("claude", "gemini", "copilot", "cursor", "windsurf", "openai", "anthropic", "google"),
                agents.list().stream().map(agent -> agent.get("agent")).toList());
        for (Map<String, Object> agent : agents.list()) {
            assertEquals(agentBody((String) agent.get("agent"), 0, 0.0, 0.0, 0.0, 0.0, 0), normalized(agent));
        }
        assertEquals(200, quality.status(), quality.body());
        assertEquals(List.of(map("date", day(0), "overall_quality", 0.0, "test_coverage", 0.0, "security_score", 0.0,
                "tasks", 0.0)), normalized(quality.list()));
    }

    private static Map<String, Object> performanceBody(String project, double total, double active, double completed,
                                                       double failed, double time, double iterations, double quality,
                                                       double success, double switches, double tests, double tokens,
                                                       double speed) {
        return map("project_id", project, "total_tasks", total, "active_tasks", active, "completed_tasks", completed,
                "failed_tasks", failed, "avg_time_per_task", time, "avg_iterations", iterations,
                "avg_quality", quality, "success_rate", success, "avg_agent_switches", switches,
                "tests_passing_rate", tests, "token_reduction_percent", tokens, "speed_improvement_factor", speed);
    }

    private static Map<String, Object> agentBody(String agent, double tasks, double success, double quality,
                                                 double cost, double time, double iterations) {
        return map("agent", agent, "total_tasks", tasks, "success_rate", success, "avg_quality", quality,
                "avg_cost", cost, "avg_time", time, "iterations", iterations);
    }

    @Test
    void performance_is_of_all_the_teams_tasks_or_one_projects() {
        var team = get(a, "/api/metrics/performance");
        var p = get(a, "/api/metrics/performance", "project_id", projectP.toUpperCase());
        var q = get(a, "/api/metrics/performance", "project_id", projectQ);

        // tokens: 6000 used of a budget of 2000*5/2 + 2000*4/4 + 2000*2/1 = 11000; seconds: 110 budgeted / 60 used
        assertEquals(200, team.status(), team.body());
        assertEquals(performanceBody(null, 5, 2, 2, 1, 31.6667, 2.3333, 0.7333, 0.6667, 0.3333, 0.6667, 45.45, 1.83),
                normalized(team.map()));
        assertEquals(200, p.status(), p.body());
        assertEquals(performanceBody(projectP, 4, 1, 2, 1, 31.6667, 2.3333, 0.7333, 0.6667, 0.3333, 0.6667, 45.45,
                1.83), normalized(p.map()));
        assertEquals(performanceBody(projectQ, 1, 1, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
                normalized(q.map()));
    }

    @Test
    void cost_adds_up_the_iterations_of_the_period_by_day_agent_and_model() {
        var week = get(a, "/api/metrics/cost", "period", "7d");

        assertEquals(200, week.status(), week.body());
        List<Object> days = new ArrayList<>();
        for (int i = 6; i >= 1; i--) {
            days.add(map("date", day(i), "cost", 0.0, "tokens", 0.0, "iterations", 0.0));
        }
        days.add(map("date", day(0), "cost", 1.7, "tokens", 4300.0, "iterations", 7.0));
        assertEquals(map("project_id", null, "period", "7d", "start_date", day(6), "end_date", day(0),
                "total_cost", 1.7, "total_tokens", 4300.0, "tasks", 3.0, "iterations", 7.0,
                "avg_cost_per_task", 0.566667, "cost_by_agent", byAgent("claude", 0.8, "gemini", 0.1, "copilot", 0.8),
                "cost_by_model", map("claude-sonnet-4-5", 0.8, "gemini-2.5-pro", 0.1, "gpt-4o", 0.8),
                "daily", days, "monthly_projection", 51.0), normalized(week.map()));
    }

    @Test
    void cost_of_one_project_defaults_to_30_days_and_90_days_reach_older_tasks() {
        var project = get(a, "/api/metrics/cost", "project_id", projectP);
        var quarter = get(a, "/api/metrics/cost", "period", "90d");

        assertEquals(200, project.status(), project.body());
        Map<String, Object> p = project.map();
        assertEquals(projectP, p.get("project_id"));
        assertEquals("30d", p.get("period"));
        assertEquals(day(29), p.get("start_date"));
        assertEquals(30, ((List<?>) p.get("daily")).size());
        assertEquals(map("total_cost", 1.4, "total_tokens", 4000.0, "tasks", 2.0, "iterations", 6.0,
                        "avg_cost_per_task", 0.7, "monthly_projection", 42.0),
                normalized(pick(p, "total_cost", "total_tokens", "tasks", "iterations", "avg_cost_per_task",
                        "monthly_projection")));
        assertEquals(byAgent("claude", 0.5, "gemini", 0.1, "copilot", 0.8), normalized(p.get("cost_by_agent")));
        // 2.7 since the first cost 40 days ago: 41 days, times 30
        assertEquals(200, quarter.status(), quarter.body());
        Map<String, Object> q = quarter.map();
        assertEquals(90, ((List<?>) q.get("daily")).size());
        assertEquals(map("total_cost", 2.7, "tasks", 4.0, "monthly_projection", 1.97561),
                normalized(pick(q, "total_cost", "tasks", "monthly_projection")));
        assertEquals(map("date", day(40), "cost", 1.0, "tokens", 2000.0, "iterations", 1.0),
                normalized(((List<?>) q.get("daily")).get(49)));
    }

    private static Map<String, Object> pick(Map<String, Object> body, String... fields) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String field : fields) {
            result.put(field, body.get(field));
        }
        return result;
    }

    @Test
    void agents_are_credited_with_the_tasks_they_worked_on_in_the_period() {
        var response = get(a, "/api/metrics/agents", "period", "30d");

        assertEquals(200, response.status(), response.body());
        assertEquals(List.of(agentBody("claude", 2, 1.0, 0.6, 0.4, 6.5, 2),
                        agentBody("gemini", 1, 1.0, 0.9, 0.1, 10.0, 1),
                        agentBody("copilot", 1, 0.0, 0.5, 0.8, 20.0, 4),
                        agentBody("cursor", 0, 0.0, 0.0, 0.0, 0.0, 0), agentBody("windsurf", 0, 0.0, 0.0, 0.0, 0.0, 0),
                        agentBody("openai", 0, 0.0, 0.0, 0.0, 0.0, 0), agentBody("anthropic", 0, 0.0, 0.0, 0.0, 0.0, 0),
                        agentBody("google", 0, 0.0, 0.0, 0.0, 0.0, 0)),
                normalized(response.list()));
    }

    @Test
    void quality_is_per_utc_day_of_the_tasks_finished_that_day() {
        var range = get(a, "/api/metrics/quality", "project_id", projectP, "start_date", today.minusDays(2).toString(),
                "end_date", today.toString());
        var instant = get(a, "/api/metrics/quality", "start_date", d0.toString(), "end_date", d0.toString());

        assertEquals(200, range.status(), range.body());
        assertEquals(List.of(
                map("date", day(2), "overall_quality", 0.0, "test_coverage", 0.0, "security_score", 0.0, "tasks", 0.0),
                map("date", day(1), "overall_quality", 0.0, "test_coverage", 0.0, "security_score", 0.0, "tasks", 0.0),
                map("date", day(0), "overall_quality", 0.7, "test_coverage", 0.5, "security_score", 0.5,
                        "tasks", 2.0)), normalized(range.list()));
        assertEquals(200, instant.status(), instant.body());
        assertEquals(List.of(map("date", day(0), "overall_quality", 0.7, "test_coverage", 0.5, "security_score", 0.5,
                "tasks", 2.0)), normalized(instant.list()));
    }

    @Test
    void another_team_sees_only_its_own_tasks_and_calls() {
        var dashboard = get(b, "/api/metrics/dashboard");
        var cost = get(b, "/api/metrics/cost", "project_id", projectP);

        assertEquals(200, dashboard.status(), dashboard.body());
        Map<String, Object> body = dashboard.map();
        assertEquals(map("total_projects", 0.0, "active_tasks", 0.0, "completed_today", 1.0, "total_cost_today", 5.0),
                normalized(pick(body, "total_projects", "active_tasks", "completed_today", "total_cost_today")));
        assertEquals(map("total_cost", 5.0, "cost_by_agent", byAgent("claude", 5.0), "avg_cost_per_task", 5.0,
                "monthly_projection", 150.0, "savings_vs_all_claude", -4.997), normalized(body.get("cost")));
        assertEquals(200, cost.status(), cost.body());
        assertEquals(map("total_cost", 7.0, "tasks", 1.0), normalized(pick(cost.map(), "total_cost", "tasks")));
        assertEquals(byAgent("cursor", 7.0), normalized(cost.get("cost_by_agent")));
    }

    @Test
    void bad_parameters_are_422_naming_each_one() {
        assertUnprocessable(get(a, "/api/metrics/cost", "period", "14d"), "period", "7d, 30d, 90d");
        assertUnprocessable(get(a, "/api/metrics/agents", "period", "30", "project_id", "project-1"), "period",
                "project_id");
        assertUnprocessable(get(a, "/api/metrics/performance", "project_id", "../x"), "project_id");
        assertUnprocessable(get(a, "/api/metrics/quality", "start_date", "2025-13-01", "end_date", "yesterday"),
                "start_date", "end_date");
        assertUnprocessable(get(a, "/api/metrics/quality", "start_date", today.toString(),
                "end_date", today.minusDays(1).toString()), "start_date");
        assertUnprocessable(get(a, "/api/metrics/quality", "start_date", today.minusDays(366).toString()),
                "start_date");
    }

    @Test
    void the_reports_need_a_caller() {
        for (String path : List.of("/api/metrics/dashboard", "/api/metrics/quality", "/api/metrics/cost",
                "/api/metrics/agents", "/api/metrics/performance")) {
            assertEquals(401, get(null, path).status(), path);
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");

    /** The value of the sample {@code name{labels}} (labels as written, in order), 0 when absent. */
    /** A scrape as Prometheus asks for it. */
    private static LambdaHttp.Response scrape(Caller caller) {
        ApiGatewayEvents event = request("GET", "/api/metrics")
                .header("Accept", "text/plain;version=0.0.4;q=0.4,*/*;q=0.1");
        return http.send(caller == null ? event : event.bearer(caller.bearer()));
    }

    private static double sample(String text, String name, String labels) {
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.matches() && m.group(1).equals(name) && labels.equals(m.group(3) == null ? "" : m.group(3))) {
                return Double.parseDouble(m.group(4));
            }
        }
        return 0;
    }

    @Test
    void prometheus_text_counts_requests_per_route_template_and_times_them_in_buckets() {
        String labels = "endpoint=\"/api/tasks/{task_id}\",method=\"GET\",status=\"404\"";
        String before = scrape(null).body();

        String id = UUID.randomUUID().toString();
        get(a, "/api/tasks/" + id);
        get(a, "/api/tasks/" + UUID.randomUUID());
        var after = scrape(null);

        assertEquals(200, after.status(), after.body());
        assertTrue(after.header("Content-Type").startsWith("text/plain; version=0.0.4"), after.header("Content-Type"));
        String text = after.body();
        assertTrue(text.contains("# TYPE athanor_api_requests_total counter"), text);
        assertTrue(text.contains("# TYPE athanor_api_duration_seconds histogram"), text);
        assertEquals(2, sample(text, "athanor_api_requests_total", labels)
                - sample(before, "athanor_api_requests_total", labels));
        assertEquals(2, sample(text, "athanor_api_duration_seconds_bucket", labels + ",le=\"+Inf\"")
                - sample(before, "athanor_api_duration_seconds_bucket", labels + ",le=\"+Inf\""));
        assertTrue(text.contains("athanor_api_duration_seconds_bucket{" + labels + ",le=\"0.1\"}"), text);
        assertFalse(text.contains(id), "no raw path is a label");
        assertFalse(text.contains("athanor_orchestrator_"), "an anonymous scrape has no team figures");
        assertTrue(text.contains("jvm_memory_used_bytes"), "process metrics");
    }

    @Test
    void a_caller_with_a_token_also_scrapes_its_own_teams_gauges() {
        String mine = scrape(a).body();
        String theirs = scrape(b).body();

        assertEquals(2, sample(mine, "athanor_orchestrator_tasks", "status=\"completed\""));
        assertEquals(1, sample(mine, "athanor_orchestrator_tasks", "status=\"failed\""));
        assertEquals(1, sample(mine, "athanor_orchestrator_tasks", "status=\"in_progress\""));
        assertEquals(1, sample(mine, "athanor_orchestrator_tasks", "status=\"pending\""));
        assertEquals(4, sample(mine, "athanor_orchestrator_agent_iterations", "agent=\"copilot\""));
        assertEquals(0.02, sample(mine, "athanor_orchestrator_agent_cost_usd", "agent=\"gemini\""));
        assertEquals(1, sample(theirs, "athanor_orchestrator_tasks", "status=\"completed\""));
        assertEquals(0, sample(theirs, "athanor_orchestrator_tasks", "status=\"failed\""));
        assertEquals(5.0, sample(theirs, "athanor_orchestrator_agent_cost_usd", "agent=\"claude\""));
        assertEquals(0, sample(theirs, "athanor_orchestrator_agent_iterations", "agent=\"copilot\""));
    }
}
