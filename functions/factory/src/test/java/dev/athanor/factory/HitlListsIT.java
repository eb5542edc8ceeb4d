package dev.athanor.factory;

import dev.athanor.model.TeamId;
import dev.athanor.model.hitl.Experience;
import dev.athanor.model.hitl.ExperienceStore;
import dev.athanor.model.pipeline.Checkpoint;
import dev.athanor.model.pipeline.CheckpointStore;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.PageWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/checkpoints}, {@code GET /api/experiences} and {@code GET /api/hitl/queue} a page at a time,
 * through the factory's Lambda handler, over checkpoints and lessons stored as the pipeline and the agents store
 * them: 53 of each, their statuses interleaved (pending, approved, rejected in turn), one second apart.
 */
@ExtendWith(LocalStackExtension.class)
class HitlListsIT {

    private static final int ITEMS = 53;
    private static final Instant BASE = Instant.parse("2026-01-10T08:00:00Z");

    private static LambdaHttp http;
    private static String team;
    private static String bearer;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction");
        team = "hitl-lists-" + UUID.randomUUID();
        bearer = FactoryTokens.mint(http, team, "member");
        CheckpointStore checkpoints = http.context().getBean(CheckpointStore.class);
        ExperienceStore experiences = http.context().getBean(ExperienceStore.class);
        for (int i = 0; i < ITEMS; i++) {
            String status = Checkpoint.STATUSES.get(i % 3);
            checkpoints.open(TeamId.of(team), new Checkpoint(checkpointId(i), "factory/app-" + i, "factory",
                    "app-" + i, "security_review", "factory/app-" + i + "#" + i, "Approve the security review",
                    status, BASE.plusSeconds(i), null, null, null, null));
            experiences.open(TeamId.of(team), new Experience(experienceId(i), "app-" + i, "qa_agent",
                    "Lesson " + i, status, BASE.plusSeconds(i).plusMillis(500), null, null, null, null));
        }
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static String checkpointId(int i) {
        return "cp-" + String.format("%02d", i);
    }

    private static String experienceId(int i) {
        return "exp-" + String.format("%02d", i);
    }

    /** The ids of items {@code ITEMS - 1} down to 0 (newest first) whose status passes. */
    private static List<Object> newestFirst(java.util.function.IntFunction<String> id, boolean pendingOnly) {
        List<Object> ids = new ArrayList<>();
        for (int i = ITEMS - 1; i >= 0; i--) {
            if (!pendingOnly || i % 3 == 0) {
                ids.add(id.apply(i));
            }
        }
        return ids;
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

    private static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> pending(LambdaHttp.Response queue) {
        return (List<Map<String, Object>>) queue.get("pending");
    }

    @Test
    void checkpoints_and_experiences_without_parameters_are_the_plain_arrays_of_the_50_newest() {
        for (String path : List.of("/api/checkpoints", "/api/experiences")) {
            var first = page(path, bearer, null, null);
            assertEquals(200, first.status(), first.body());
            assertTrue(first.body().startsWith("["), first.body());
            List<Object> expected = newestFirst(path.contains("checkpoints") ? HitlListsIT::checkpointId
                    : HitlListsIT::experienceId, false);
            assertEquals(expected.subList(0, 50), ids(first.list()), path);
            var rest = page(path, bearer, null, first.header("X-Next-Cursor"));
            assertEquals(expected.subList(50, ITEMS), ids(rest.list()), path);
            assertNull(rest.header("X-Next-Cursor"), path);
        }
    }

    @Test
    void walking_the_checkpoints_shows_each_once_newest_first_whatever_its_status() {
        for (int limit : List.of(1, 4, 7, 200)) {
            List<LambdaHttp.Response> pages = PageWalk.walk(cursor -> page("/api/checkpoints", bearer, limit, cursor),
                    limit);
            List<Map<String, Object>> listed = PageWalk.items(pages);
            assertEquals(newestFirst(HitlListsIT::checkpointId, false), ids(listed), "pages of " + limit);
            assertEquals((ITEMS + limit - 1) / limit, pages.size(), "pages of " + limit + " and no empty last one");
        }
        Map<String, Object> oldest = PageWalk.items(PageWalk.walk(cursor -> page("/api/checkpoints", bearer, 60,
                cursor), 60)).get(ITEMS - 1);
        assertEquals(Map.of("type", "checkpoint", "id", "cp-00", "action", "Approve the security review",
                "status", "pending", "job_slug", "app-0", "phase", "security_review",
                "created_at", BASE.toString()), withoutNulls(oldest));
    }

    @Test
    void walking_the_experiences_shows_each_once_newest_first_whatever_its_status() {
        for (int limit : List.of(3, 50)) {
            List<Map<String, Object>> listed = PageWalk.items(PageWalk.walk(
                    cursor -> page("/api/experiences", bearer, limit, cursor), limit));
            assertEquals(newestFirst(HitlListsIT::experienceId, false), ids(listed), "pages of " + limit);
            assertEquals(List.of("approved", "pending", "rejected"), // items 52, 51, 50
                    listed.subList(0, 3).stream().map(e -> e.get("status")).toList());
        }
    }

    @Test
    void the_queue_pages_through_the_pending_lessons_then_the_pending_checkpoints_with_the_counts_on_each() {
        List<Object> expected = new ArrayList<>(newestFirst(HitlListsIT::experienceId, true));
        expected.addAll(newestFirst(HitlListsIT::checkpointId, true));
        assertEquals(36, expected.size());
        for (int limit : List.of(1, 5, 6, 18, 35, 36, 50)) {
            List<LambdaHttp.Response> pages = PageWalk.walk(cursor -> page("/api/hitl/queue", bearer, limit,
                    cursor), limit, HitlListsIT::pending);
            assertEquals(expected, ids(PageWalk.items(pages, HitlListsIT::pending)), "pages of " + limit);
            assertEquals((36 + limit - 1) / limit, pages.size(), "pages of " + limit + " and no empty last one");
            for (LambdaHttp.Response queue : pages) {
                assertEquals(Map.of("experiences", 18, "checkpoints", 18), queue.get("counts"),
                        "the counts are of everything pending, on every page");
            }
        }
        var whole = page("/api/hitl/queue", bearer, null, null);
        assertEquals(expected, ids(pending(whole)), "36 pending fit the default page");
        assertNull(whole.header("X-Next-Cursor"));
    }

    @Test
    void a_decided_item_leaves_the_queue_and_stays_in_its_list() {
        String own = "hitl-decided-" + UUID.randomUUID();
        String token = FactoryTokens.mint(http, own, "member");
        http.context().getBean(ExperienceStore.class).open(TeamId.of(own), new Experience("exp-a", "app", "qa_agent",
                "A lesson", Experience.PENDING, BASE, null, null, null, null));
        http.context().getBean(ExperienceStore.class).open(TeamId.of(own), new Experience("exp-b", "app", "qa_agent",
                "Another", Experience.PENDING, BASE.plusSeconds(1), null, null, null, null));

        assertEquals(200, http.send(request("POST", "/api/hitl/exp-b/approve").bearer(token)).status());

        var queue = page("/api/hitl/queue", token, null, null);
        assertEquals(List.of("exp-a"), ids(pending(queue)));
        assertEquals(Map.of("experiences", 1, "checkpoints", 0), queue.get("counts"));
        assertEquals(List.of("exp-b", "exp-a"), ids(page("/api/experiences", token, null, null).list()));
    }

    @Test
    void a_bad_limit_or_a_cursor_of_another_list_or_team_is_422_and_reveals_nothing() {
        for (String path : List.of("/api/checkpoints", "/api/experiences", "/api/hitl/queue")) {
            for (String limit : List.of("0", "201", "abc", "2.5")) {
                var response = http.send(request("GET", path).query("limit", limit).bearer(bearer));
                assertEquals(422, response.status(), path + " " + limit + " -> " + response.body());
                assertTrue(((String) response.get("detail")).startsWith("limit must be a whole number"),
                        response.body());
            }
        }
        String checkpoints = page("/api/checkpoints", bearer, 2, null).header("X-Next-Cursor");
        String experiences = page("/api/experiences", bearer, 2, null).header("X-Next-Cursor");
        String queue = page("/api/hitl/queue", bearer, 2, null).header("X-Next-Cursor");
        String queueInCheckpoints = page("/api/hitl/queue", bearer, 20, null).header("X-Next-Cursor");
        assertNotNull(queueInCheckpoints);
        String intruder = FactoryTokens.mint(http, "hitl-intruder-" + UUID.randomUUID(), "admin");
        List<String[]> refused = List.of(
                new String[]{"/api/checkpoints", bearer, experiences},
                new String[]{"/api/experiences", bearer, checkpoints},
                new String[]{"/api/hitl/queue", bearer, checkpoints},
                new String[]{"/api/hitl/queue", bearer, "e." + checkpoints},
                new String[]{"/api/hitl/queue", bearer, "x." + experiences},
                new String[]{"/api/checkpoints", bearer, "nonsense"},
                new String[]{"/api/checkpoints", intruder, checkpoints},
                new String[]{"/api/experiences", intruder, experiences},
                new String[]{"/api/hitl/queue", intruder, queue},
                new String[]{"/api/hitl/queue", intruder, queueInCheckpoints});
        for (String[] call : refused) {
            var response = page(call[0], call[1], 5, call[2]);
            assertEquals(422, response.status(), call[0] + " " + call[2] + " -> " + response.body());
            assertTrue(((String) response.get("detail")).startsWith("cursor is not a cursor this list handed out"),
                    response.body());
            assertFalse(response.body().contains("cp-") || response.body().contains("exp-"), response.body());
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> item) {
        Map<String, Object> kept = new java.util.LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        return kept;
    }
}
