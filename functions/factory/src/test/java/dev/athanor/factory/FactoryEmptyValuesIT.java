package dev.athanor.factory;

import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documented bodies of a team with nothing yet keep every key: empty lists as {@code []}, values not known yet as
 * {@code null}, so a client reading {@code data.pending.length} or {@code job.error} never meets a missing key.
 */
@ExtendWith(LocalStackExtension.class)
class FactoryEmptyValuesIT {

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("FactoryFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static String newTeam() {
        return FactoryTokens.mint(http, "empty-" + UUID.randomUUID(), "member");
    }

    @Test
    void the_hitl_queue_with_nothing_pending_answers_an_empty_pending_list_and_zero_counts() {
        String bearer = newTeam();

        var queue = http.send(request("GET", "/api/hitl/queue").bearer(bearer));

        assertEquals(200, queue.status(), queue.body());
        assertEquals(Map.of("pending", List.of(), "counts", Map.of("experiences", 0, "checkpoints", 0)), queue.map());
        assertTrue(queue.body().contains("\"pending\":[]"), queue.body());
        assertEquals("[]", http.send(request("GET", "/api/experiences").bearer(bearer)).body());
        assertEquals("[]", http.send(request("GET", "/api/checkpoints").bearer(bearer)).body());
    }

    @Test
    void task_counts_without_calls_keep_an_empty_list_of_logs() {
        var tasks = http.send(request("GET", "/api/tasks").bearer(newTeam()));

        assertEquals(200, tasks.status(), tasks.body());
        assertEquals(Map.of("total", 0, "success", 0, "failed", 0, "logs", List.of()), tasks.map());
    }

    @Test
    void a_new_job_shows_what_is_not_known_yet_as_null() {
        var created = http.send(request("POST", "/api/jobs").bearer(newTeam())
                .json("{\"name\": \"Bare\", \"description\": \"A job with the defaults\"}"));

        assertEquals(202, created.status(), created.body());
        Map<String, Object> job = created.map();
        assertEquals(List.of("slug", "name", "description", "platform", "style", "backend", "features", "status",
                "current_phase", "cancel_requested", "cost_usd", "error", "created_at", "updated_at", "finished_at"),
                List.copyOf(job.keySet()));
        assertNull(job.get("error"));
        assertNull(job.get("finished_at"));
    }
}
