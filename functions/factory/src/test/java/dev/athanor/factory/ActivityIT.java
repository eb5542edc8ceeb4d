package dev.athanor.factory;

import dev.athanor.factory.observability.FactoryActivity;
import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityEntry;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.PageWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The activity endpoints through the factory's Lambda handler, over entries appended to the log as the pipeline
 * engine appends them (stored in DynamoDB Local).
 */
@ExtendWith(LocalStackExtension.class)
class ActivityIT {

    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

    private static LambdaHttp http;
    private static ActivityLog log;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction");
        log = http.context().getBean(ActivityLog.class);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static ActivityEntry step(int i) {
        String action = i % 2 == 0 ? "step_started" : "step_passed";
        return new ActivityEntry("step-" + i, BASE.plusSeconds(i), action, "dev_agent", "my-app",
                i % 2 == 0 ? "running" : "passed", "phase dev, attempt 1", i % 2 == 0 ? null : new BigDecimal("0.0125"),
                i % 2 == 0 ? null : 1500L);
    }

    private static void appendSteps(String team, int count) {
        IntStream.range(0, count).forEach(i -> log.append(TeamId.of(team), step(i)));
    }

    private static List<Object> ids(LambdaHttp.Response response) {
        assertEquals(200, response.status(), response.body());
        return response.list().stream().map(e -> e.get("id")).toList();
    }

    private static long storedItems(String team) {
        String table = LocalStackExtension.stack().functionEnvironment("FactoryFunction")
                .get("ATHANOR_DYNAMODB_TABLES_ACTIVITY");
        return LocalStackExtension.stack().dynamo().query(r -> r.tableName(table).keyConditionExpression("team_id = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(team)))).count();
    }

    @Test
    void agents_lists_the_newest_50_by_default_newest_first_with_every_field() {
        appendSteps("activity-default", 60);

        var response = http.send(request("GET", "/api/agents").bearer(FactoryTokens.mint(http, "activity-default",
                "viewer")));

        List<Object> ids = ids(response);
        assertEquals(50, ids.size());
        assertEquals(IntStream.iterate(59, i -> i - 1).limit(50).mapToObj(i -> "step-" + i).toList(), ids);
        Map<String, Object> newest = response.list().get(0);
        assertEquals(BASE.plusSeconds(59).toString(), newest.get("timestamp"));
        assertEquals("step_passed", newest.get("action"));
        assertEquals("dev_agent", newest.get("agent"));
        assertEquals("my-app", newest.get("job_slug"));
        assertEquals("passed", newest.get("status"));
        assertEquals("phase dev, attempt 1", newest.get("detail"));
        assertEquals(0, new BigDecimal("0.0125").compareTo(new BigDecimal(newest.get("cost_usd").toString())));
        assertEquals(1500, ((Number) newest.get("duration_ms")).intValue());
        Map<String, Object> started = response.list().get(1);
        assertTrue(started.containsKey("cost_usd") && started.get("cost_usd") == null, started.toString());
    }

    @Test
    void limit_chooses_how_many_from_1_to_500() {
        appendSteps("activity-limit", 12);
        String bearer = FactoryTokens.mint(http, "activity-limit", "member");

        assertEquals(List.of("step-11", "step-10", "step-9"),
                ids(http.send(request("GET", "/api/agents").query("limit", "3").bearer(bearer))));
        assertEquals(List.of("step-11"),
                ids(http.send(request("GET", "/api/agents").query("limit", "1").bearer(bearer))));
        assertEquals(12, ids(http.send(request("GET", "/api/agents").query("limit", "500").bearer(bearer))).size());
    }

    @Test
    void a_limit_outside_1_to_500_or_not_a_whole_number_is_422_in_the_detail_shape() {
        String bearer = FactoryTokens.mint(http, "activity-invalid", "admin");
        for (String limit : List.of("0", "501", "-5", "abc", "2.5", "1e2")) {
            var response = http.send(request("GET", "/api/agents").query("limit", limit).bearer(bearer));
            assertEquals(422, response.status(), limit + " -> " + response.body());
            assertTrue(((String) response.get("detail")).contains("limit"), response.body());
        }
    }

    private static LambdaHttp.Response page(String path, String bearer, Integer limit, String cursor) {
        var request = request("GET", path).bearer(bearer);
        if (limit != null) {
            request.query("limit", limit.toString());
        }
        if (cursor != null) {
            request.query("cursor", cursor);
        }
        return http.send(request);
    }

    private static List<Object> newestSteps(int count) {
        return IntStream.iterate(count - 1, i -> i - 1).limit(count).mapToObj(i -> (Object) ("step-" + i)).toList();
    }

    @Test
    void agents_pages_through_the_whole_log_newest_first_each_entry_once() {
        appendSteps("activity-walk", 60);
        String bearer = FactoryTokens.mint(http, "activity-walk", "viewer");

        var first = page("/api/agents", bearer, null, null);
        assertEquals(newestSteps(60).subList(0, 50), ids(first));
        var rest = page("/api/agents", bearer, null, first.header("X-Next-Cursor"));
        assertEquals(newestSteps(60).subList(50, 60), ids(rest));
        assertNull(rest.header("X-Next-Cursor"));
        for (int limit : List.of(1, 7, 500)) {
            List<LambdaHttp.Response> pages = PageWalk.walk(cursor -> page("/api/agents", bearer, limit, cursor),
                    limit);
            assertEquals(newestSteps(60), PageWalk.items(pages).stream().map(e -> e.get("id")).toList());
            assertEquals((60 + limit - 1) / limit, pages.size(), "pages of " + limit);
        }
    }

    @Test
    void permissions_page_through_the_refused_calls_100_at_a_time_by_default() {
        String team = "activity-denied-walk";
        IntStream.range(0, 103).forEach(i -> log.append(TeamId.of(team), new ActivityEntry("denied-" + i,
                BASE.plusSeconds(i), FactoryActivity.PERMISSION_DENIED, null, null, "denied", "POST /api/settings",
                null, null)));
        appendSteps(team, 5);
        String bearer = FactoryTokens.mint(http, team, "viewer");
        List<Object> newest = IntStream.iterate(102, i -> i - 1).limit(103).mapToObj(i -> (Object) ("denied-" + i))
                .toList();

        var first = page("/api/permissions", bearer, null, null);
        assertEquals(newest.subList(0, 100), ids(first));
        assertEquals(newest.subList(100, 103), ids(page("/api/permissions", bearer, null,
                first.header("X-Next-Cursor"))));
        assertEquals(newest, PageWalk.items(PageWalk.walk(cursor -> page("/api/permissions", bearer, 9, cursor), 9))
                .stream().map(e -> e.get("id")).toList());
    }

    @Test
    void tasks_page_through_the_log_as_logs_20_at_a_time_by_default() {
        appendSteps("activity-tasks-walk", 45);
        String bearer = FactoryTokens.mint(http, "activity-tasks-walk", "viewer");

        List<LambdaHttp.Response> pages = PageWalk.walk(cursor -> page("/api/tasks", bearer, null, cursor), 20,
                ActivityIT::logs);

        assertEquals(List.of(20, 20, 5), pages.stream().map(p -> logs(p).size()).toList());
        assertEquals(newestSteps(45), PageWalk.items(pages, ActivityIT::logs).stream().map(e -> e.get("id")).toList());
        pages.forEach(p -> assertEquals(0, ((Number) p.get("total")).intValue(), "the counts on every page"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> logs(LambdaHttp.Response tasks) {
        return (List<Map<String, Object>>) tasks.get("logs");
    }

    @Test
    void a_cursor_of_another_list_or_team_is_422_and_reveals_nothing() {
        appendSteps("activity-cursor", 6);
        log.append(TeamId.of("activity-cursor"), new ActivityEntry("denied-a", BASE, FactoryActivity.PERMISSION_DENIED,
                null, null, "denied", "GET /api/settings", null, null));
        log.append(TeamId.of("activity-cursor"), new ActivityEntry("denied-b", BASE.plusSeconds(1),
                FactoryActivity.PERMISSION_DENIED, null, null, "denied", "GET /api/settings", null, null));
        String bearer = FactoryTokens.mint(http, "activity-cursor", "viewer");
        String intruder = FactoryTokens.mint(http, "activity-cursor-intruder", "admin");
        String agents = page("/api/agents", bearer, 2, null).header("X-Next-Cursor");
        String permissions = page("/api/permissions", bearer, 1, null).header("X-Next-Cursor");
        String tasks = page("/api/tasks", bearer, 2, null).header("X-Next-Cursor");

        List<String[]> refused = List.of(new String[]{"/api/agents", intruder, agents},
                new String[]{"/api/tasks", intruder, tasks}, new String[]{"/api/permissions", intruder, permissions},
                new String[]{"/api/agents", bearer, permissions}, new String[]{"/api/permissions", bearer, agents},
                new String[]{"/api/agents", bearer, "not-a-cursor"});
        for (String[] call : refused) {
            var response = page(call[0], call[1], 3, call[2]);
            assertEquals(422, response.status(), call[0] + " -> " + response.body());
            assertTrue(((String) response.get("detail")).startsWith("cursor is not a cursor this list handed out"),
                    response.body());
            assertFalse(response.body().contains("step-"), response.body());
        }
        assertEquals(List.of("step-3", "step-2"), ids(page("/api/agents", bearer, 2, agents)), "tasks and agents "
                + "read the same log");
        assertEquals(List.of("step-3", "step-2"), ids(page("/api/agents", bearer, 2, tasks)));
    }

    @Test
    void appending_an_entry_again_keeps_one_entry_at_its_latest_time() {
        appendSteps("activity-again", 5);
        ActivityEntry retried = step(1);
        log.append(TeamId.of("activity-again"), retried);
        log.append(TeamId.of("activity-again"), new ActivityEntry(retried.id(), BASE.plusSeconds(100),
                retried.action(), retried.agent(), retried.job(), "passed", "retried", null, null));

        List<Object> ids = ids(http.send(request("GET", "/api/agents").bearer(FactoryTokens.mint(http,
                "activity-again", "viewer"))));

        assertEquals(List.of("step-1", "step-4", "step-3", "step-2", "step-0"), ids);
        assertEquals(5, storedItems("activity-again"));
    }

    @Test
    void tasks_show_the_20_newest_entries_as_logs() {
        appendSteps("activity-tasks", 25);

        var response = http.send(request("GET", "/api/tasks").bearer(FactoryTokens.mint(http, "activity-tasks",
                "viewer")));

        assertEquals(200, response.status(), response.body());
        List<?> logs = (List<?>) response.get("logs");
        assertEquals(20, logs.size());
        assertEquals("step-24", ((Map<?, ?>) logs.get(0)).get("id"));
        assertEquals("step-5", ((Map<?, ?>) logs.get(19)).get("id"));
        assertEquals(0, ((Number) response.get("total")).intValue(), "no factory calls in the ledger for this team");
    }

    @Test
    void a_team_sees_only_its_own_entries() {
        appendSteps("activity-mine", 3);
        log.append(TeamId.of("activity-theirs"), new ActivityEntry("theirs-1", BASE, "step_failed", "qa_agent",
                "their-app", "failed", "tests failed", null, 10L));

        assertEquals(List.of("step-2", "step-1", "step-0"), ids(http.send(request("GET", "/api/agents")
                .bearer(FactoryTokens.mint(http, "activity-mine", "viewer")))));
        assertEquals(List.of("theirs-1"), ids(http.send(request("GET", "/api/agents")
                .bearer(FactoryTokens.mint(http, "activity-theirs", "viewer")))));
        assertEquals(List.of(), ids(http.send(request("GET", "/api/permissions")
                .bearer(FactoryTokens.mint(http, "activity-mine", "viewer")))));
    }
}
