package dev.athanor.factory;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.PageWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/jobs} a page at a time, through the factory's Lambda handler: jobs started with
 * {@code POST /api/jobs}, listed newest first from their summaries. The jobs' step messages go to a queue of this
 * test's own, which nothing consumes, so the jobs stay queued and no other test meets them.
 */
@ExtendWith(LocalStackExtension.class)
class JobsListIT {

    private static final int JOBS = 51;

    private static String queueUrl;
    private static LambdaHttp http;
    private static String team;
    private static String bearer;
    /** The slugs of the team's jobs, newest first. */
    private static List<String> newestFirst;

    @BeforeAll
    static void start() {
        queueUrl = LocalStackExtension.stack().sqs()
                .createQueue(r -> r.queueName("jobs-list-" + UUID.randomUUID())).queueUrl();
        http = LambdaHttp.start("FactoryFunction", Map.of("athanor.queues.work", queueUrl));
        team = "jobs-list-" + UUID.randomUUID();
        bearer = FactoryTokens.mint(http, team, "member");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            created.add(create(bearer, "App " + String.format("%02d", i)));
        }
        Collections.reverse(created);
        newestFirst = List.copyOf(created);
    }

    @AfterAll
    static void stop() {
        http.close();
        LocalStackExtension.stack().sqs().deleteQueue(r -> r.queueUrl(queueUrl));
    }

    private static String create(String bearer, String name) {
        var response = http.send(request("POST", "/api/jobs").bearer(bearer)
                .json("{\"name\":\"" + name + "\",\"description\":\"A todo list app\",\"features\":[\"sync\"]}"));
        assertEquals(202, response.status(), response.body());
        return (String) response.get("slug");
    }

    private static LambdaHttp.Response page(String bearer, Integer limit, String cursor) {
        var request = request("GET", "/api/jobs").bearer(bearer);
        if (limit != null) {
            request.query("limit", limit.toString());
        }
        if (cursor != null) {
            request.query("cursor", cursor);
        }
        return http.send(request);
    }

    private static List<Object> slugs(List<Map<String, Object>> jobs) {
        return jobs.stream().map(job -> job.get("slug")).toList();
    }

    @Test
    void without_parameters_the_list_is_the_plain_array_of_the_50_newest_jobs() {
        var first = page(bearer, null, null);

        assertEquals(200, first.status(), first.body());
        assertTrue(first.body().startsWith("["), "the body is the JSON array the document shows: " + first.body());
        assertEquals(newestFirst.subList(0, 50), slugs(first.list()));
        assertNotNull(first.header("X-Next-Cursor"), "one job more than the default page");

        var rest = page(bearer, null, first.header("X-Next-Cursor"));
        assertEquals(newestFirst.subList(50, 51), slugs(rest.list()));
        assertNull(rest.header("X-Next-Cursor"), "the list has ended");
        assertNull(rest.header("Link"));
    }

    @Test
    void walking_the_pages_shows_every_job_once_newest_first_with_the_fields_of_a_job() {
        List<LambdaHttp.Response> pages = PageWalk.walk(cursor -> page(bearer, 7, cursor), 7);

        assertEquals(8, pages.size(), "51 jobs in pages of 7");
        List<Map<String, Object>> jobs = PageWalk.items(pages);
        assertEquals(newestFirst, slugs(jobs));
        Map<String, Object> listed = jobs.get(jobs.size() - 1);
        var read = http.send(request("GET", "/api/jobs/" + listed.get("slug")).bearer(bearer));
        assertEquals(read.map(), listed, "a listed job is the job as GET /api/jobs/{slug} shows it");
        assertEquals("App 00", listed.get("name"));
        assertEquals("A todo list app", listed.get("description"));
        assertEquals("sync", listed.get("features"));
        assertEquals("queued", listed.get("status"));
    }

    @Test
    void pages_of_the_largest_size_and_of_one_job_meet_the_same_list() {
        assertEquals(newestFirst, slugs(PageWalk.items(PageWalk.walk(cursor -> page(bearer, 200, cursor), 200))));
        List<LambdaHttp.Response> ones = PageWalk.walk(cursor -> page(bearer, 1, cursor), 1);
        assertEquals(JOBS, ones.size(), "no empty last page: the list ends with its last job");
        assertEquals(newestFirst, slugs(PageWalk.items(ones)));
    }

    @Test
    void a_browsers_script_may_read_the_next_page_headers() {
        var response = http.send(request("GET", "/api/jobs").query("limit", "5").bearer(bearer)
                .header("Origin", "http://localhost:5173")); // an allowed origin (a local UI)

        assertEquals(200, response.status(), response.body());
        String exposed = String.join(",", response.headerValues("Access-Control-Expose-Headers"));
        assertTrue(exposed.contains("X-Next-Cursor") && exposed.contains("Link"), exposed);
    }

    @Test
    void a_limit_that_is_not_a_whole_number_from_1_to_200_is_422_in_the_detail_shape() {
        for (String limit : List.of("0", "201", "-1", "abc", "2.5", "1e2", " ")) {
            var response = http.send(request("GET", "/api/jobs").query("limit", limit).bearer(bearer));
            assertEquals(422, response.status(), limit + " -> " + response.body());
            assertEquals(List.of("detail"), List.copyOf(response.map().keySet()), response.body());
            assertTrue(((String) response.get("detail")).startsWith("limit must be a whole number from 1 to 200"),
                    response.body());
        }
    }

    /** A cursor as the lists write them: each part base64url-encoded, joined with dots. */
    private static String cursorOf(String... parts) {
        List<String> encoded = new ArrayList<>();
        for (String part : parts) {
            encoded.add(Base64.getUrlEncoder().withoutPadding().encodeToString(part.getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(".", encoded);
    }

    @Test
    void a_cursor_the_list_did_not_hand_out_is_422_naming_the_cursor() {
        String good = page(bearer, 5, null).header("X-Next-Cursor");
        String time = "2026-01-01T00:00:00.000000000Z#";
        List<String> cursors = List.of("garbage", "%%%", "....", good + ".eA", "x".repeat(5000),
                // the right list and team, but a key of another pipeline's executions
                cursorOf("ExecutionItem/by_created", "k", team, "prompt-eval/x", team + "#prompt-eval", time + "x"),
                // another list's key (a checkpoint of the team)
                cursorOf("CheckpointItem/by_status", "k", team, "cp-1", team + "#pending", time + "cp-1"),
                // the position of a list that does not exist
                cursorOf("ExecutionItem/by_created", "z"));
        for (String cursor : cursors) {
            var response = page(bearer, 5, cursor);
            assertEquals(422, response.status(), cursor + " -> " + response.body());
            assertTrue(((String) response.get("detail")).startsWith("cursor is not a cursor this list handed out"),
                    response.body());
        }
    }

    @Test
    void another_teams_cursor_reveals_nothing_of_its_jobs() {
        String theirs = page(bearer, 5, null).header("X-Next-Cursor");
        String intruder = FactoryTokens.mint(http, "jobs-intruder-" + UUID.randomUUID(), "admin");
        create(intruder, "Mine");

        var response = page(intruder, 5, theirs);

        assertEquals(422, response.status(), response.body());
        assertFalse(IntStream.range(0, JOBS).anyMatch(i -> response.body().contains(newestFirst.get(i))),
                response.body());
        assertEquals(List.of("mine"), slugs(page(intruder, null, null).list()), "its own list is untouched");
    }
}
