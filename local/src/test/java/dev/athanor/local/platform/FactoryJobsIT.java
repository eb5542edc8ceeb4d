package dev.athanor.local.platform;

import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A factory job end to end on the embedded stack: the factory's Lambda handler takes the requests, the worker's
 * handler runs the steps from the work queue (pumped here one batch at a time, so the test decides when a step
 * runs), with the offline sandbox model.
 */
@ExtendWith(LocalStackExtension.class)
class FactoryJobsIT {

    private static LambdaHttp factory;
    private static ApplicationContext worker;
    private static SqsPoller poller;

    @BeforeAll
    static void start() {
        factory = LambdaHttp.start("FactoryFunction");
        worker = TestFunctions.start("FactoryWorkerFunction");
        QueueSubscription work = LocalStackExtension.stack().resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals("FactoryWorkQueue")).findFirst().orElseThrow();
        poller = new SqsPoller(LocalStackExtension.stack().sqs(), work, new QueueWorker(worker),
                new LocalLambdaContext("worker"), LocalStack.REGION, 0);
    }

    @AfterAll
    static void stop() {
        factory.close();
        worker.close();
    }

    private static String token(String team) {
        var response = factory.send(request("POST", "/api/auth/token").header("X-Admin-Key", TestFunctions.ADMIN_KEY)
                .json("{\"team_id\":\"" + team + "\",\"role\":\"admin\"}"));
        assertEquals(200, response.status(), response.body());
        return (String) response.get("token");
    }

    private static void drain() {
        int idle = 0;
        for (int i = 0; i < 200 && idle < 2; i++) {
            idle = poller.pollOnce(0) == 0 ? idle + 1 : 0;
        }
    }

    private static LambdaHttp.Response get(String bearer, String path) {
        return factory.send(request("GET", path).bearer(bearer));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> phases(String bearer, String slug) {
        var response = get(bearer, "/api/jobs/" + slug + "/phases");
        assertEquals(200, response.status(), response.body());
        return new LinkedHashMap<>((Map<String, String>) (Map<?, ?>) response.map());
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_job_runs_its_phases_waits_for_approval_and_delivers_its_code() throws IOException {
        String team = "factory-" + UUID.randomUUID();
        String bearer = token(team);

        var created = factory.send(request("POST", "/api/jobs").bearer(bearer).json(
                "{\"name\":\"Todo Deluxe\",\"description\":\"A todo list app\",\"features\":\"auth,notifications\","
                        + "\"review\":[\"security\"]}"));
        assertEquals(202, created.status(), created.body());
        assertEquals("todo-deluxe", created.get("slug"));
        assertEquals("queued", created.get("status"));
        assertEquals("android,ios", created.get("platform"));
        assertEquals(409, factory.send(request("POST", "/api/jobs").bearer(bearer)
                .json("{\"name\":\"Todo Deluxe\",\"description\":\"again\"}")).status());

        drain();

        var waiting = get(bearer, "/api/jobs/todo-deluxe");
        assertEquals("awaiting_approval", waiting.get("status"), waiting.body());
        assertEquals("security_review", waiting.get("current_phase"));
        Map<String, String> partway = phases(bearer, "todo-deluxe");
        assertEquals(List.of("create", "ba", "backend", "architect", "uiux", "dev", "qa", "refactor", "repair",
                "runtime", "security", "reviewer", "export"), List.copyOf(partway.keySet()));
        assertEquals("passed", partway.get("security"));
        assertEquals("pending", partway.get("reviewer"));

        var queue = get(bearer, "/api/hitl/queue");
        assertEquals(200, queue.status(), queue.body());
        List<Map<String, Object>> pending = (List<Map<String, Object>>) queue.get("pending");
        assertEquals(1, pending.size(), queue.body());
        assertEquals("checkpoint", pending.get(0).get("type"));
        assertEquals(Map.of("experiences", 0, "checkpoints", 1), queue.get("counts"));
        String checkpoint = (String) pending.get(0).get("id");

        String stranger = token("stranger-" + UUID.randomUUID());
        var foreign = factory.send(request("POST", "/api/checkpoints/" + checkpoint + "/approve").bearer(stranger));
        assertEquals(404, foreign.status(), foreign.body());
        assertTrue(foreign.map().containsKey("detail"));
        assertEquals(404, get(stranger, "/api/jobs/todo-deluxe").status());

        var approved = factory.send(request("POST", "/api/checkpoints/" + checkpoint + "/approve").bearer(bearer));
        assertEquals(200, approved.status(), approved.body());
        assertEquals("approved", approved.get("status"));
        assertEquals(409, factory.send(request("POST", "/api/checkpoints/" + checkpoint + "/approve")
                .bearer(bearer)).status());

        drain();

        var done = get(bearer, "/api/jobs/todo-deluxe");
        assertEquals("completed", done.get("status"), done.body());
        Map<String, String> finalPhases = phases(bearer, "todo-deluxe");
        finalPhases.forEach((phase, status) -> assertEquals(phase.equals("repair") ? "skipped" : "passed", status, phase));

        var download = factory.send(request("GET", "/api/jobs/todo-deluxe/download").bearer(bearer)
                .header("Accept", "*/*"));
        assertEquals(200, download.status(), download.body());
        Map<String, String> zip = unzip(download.bytes());
        assertTrue(zip.containsKey("todo-deluxe/source/lib/main.dart"), zip.keySet().toString());
        assertTrue(zip.containsKey("todo-deluxe/docs/ba.md"), zip.keySet().toString());
        assertTrue(zip.get("todo-deluxe/source/pubspec.yaml").contains("name: todo_deluxe"));

        var tree = factory.send(request("GET", "/api/jobs/todo-deluxe/code/tree").bearer(bearer));
        assertEquals(200, tree.status(), tree.body());
        List<Map<String, Object>> entries = factory.context().getBean(io.micronaut.json.JsonMapper.class)
                .readValue(tree.body(), io.micronaut.core.type.Argument.listOf(
                        io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertTrue(entries.contains(Map.of("path", "source/lib", "name", "lib", "isDir", true, "size", 0)),
                tree.body());
        assertTrue(entries.stream().anyMatch(e -> e.get("path").equals("source/lib/main.dart")
                && Boolean.FALSE.equals(e.get("isDir")) && ((Number) e.get("size")).intValue() > 0), tree.body());

        var file = factory.send(request("GET", "/api/jobs/todo-deluxe/code/file").bearer(bearer)
                .query("path", "source/pubspec.yaml"));
        assertEquals(200, file.status(), file.body());
        assertEquals("source/pubspec.yaml", file.get("path"));
        assertTrue(((String) file.get("content")).contains("name: todo_deluxe"));

        for (String trick : List.of("../todo-deluxe/source/pubspec.yaml", "/etc/passwd", "source/../../x",
                "source/%2e%2e/x", "source\\..\\x", "lib/main.dart", "source//x", "")) {
            var refused = factory.send(request("GET", "/api/jobs/todo-deluxe/code/file").bearer(bearer)
                    .query("path", trick));
            assertEquals(422, refused.status(), trick + " -> " + refused.body());
            assertTrue(refused.map().containsKey("detail"));
        }
        assertEquals(404, factory.send(request("GET", "/api/jobs/todo-deluxe/code/file").bearer(bearer)
                .query("path", "source/missing.dart")).status());
        assertEquals(404, get(bearer, "/api/jobs/no-such-job/phases").status());

        var listed = get(bearer, "/api/jobs");
        assertEquals(200, listed.status());
        assertTrue(listed.body().contains("\"slug\":\"todo-deluxe\""), listed.body());

        var kpis = get(bearer, "/api/kpis");
        assertEquals(200, kpis.status(), kpis.body());
        assertEquals(1, kpis.get("total_jobs"));
        assertEquals(100.0, ((Number) kpis.get("success_rate")).doubleValue());
        assertEquals(1, kpis.get("active_models"), "every agent on the sandbox model");
        assertEquals(0, kpis.get("total_projects"));

        var activity = factory.send(request("GET", "/api/agents").bearer(bearer).query("limit", "500"));
        assertEquals(200, activity.status(), activity.body());
        List<Map<String, Object>> entries2 = factory.context().getBean(io.micronaut.json.JsonMapper.class)
                .readValue(activity.body(), io.micronaut.core.type.Argument.listOf(
                        io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertEquals(12, entries2.stream().filter(e -> "step_passed".equals(e.get("action"))
                && "todo-deluxe".equals(e.get("job_slug"))).count(), "one progress entry per phase run");
        assertTrue(entries2.stream().anyMatch(e -> "execution_succeeded".equals(e.get("action"))));
        assertTrue(entries2.stream().anyMatch(e -> "checkpoint_opened".equals(e.get("action"))));
    }

    @Test
    void a_cancelled_job_stops_before_its_next_phase() {
        String bearer = token("cancel-" + UUID.randomUUID());
        assertEquals(202, factory.send(request("POST", "/api/jobs").bearer(bearer)
                .json("{\"name\":\"Stop Me\",\"description\":\"A todo list app\"}")).status());
        poller.pollOnce(1); // create
        poller.pollOnce(1); // ba
        assertEquals("running", get(bearer, "/api/jobs/stop-me").get("status"));

        var cancel = factory.send(request("POST", "/api/jobs/stop-me/cancel").bearer(bearer));
        assertEquals(200, cancel.status(), cancel.body());
        assertEquals(Map.of("slug", "stop-me", "status", "cancel_requested", "cancel_requested", true), cancel.map());

        drain();

        var job = get(bearer, "/api/jobs/stop-me");
        assertEquals("cancelled", job.get("status"), job.body());
        Map<String, String> phases = phases(bearer, "stop-me");
        assertEquals("passed", phases.get("create"));
        assertEquals("passed", phases.get("ba"));
        assertEquals("cancelled", phases.get("backend"), phases.toString());
        assertEquals("cancelled", phases.get("export"));
        assertEquals(409, factory.send(request("POST", "/api/jobs/stop-me/cancel").bearer(bearer)).status());
        assertEquals(404, factory.send(request("GET", "/api/jobs/stop-me/download").bearer(bearer)
                .header("Accept", "*/*")).status());

        var deleted = factory.send(request("DELETE", "/api/jobs/stop-me").bearer(bearer).query("purge", "true"));
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(404, get(bearer, "/api/jobs/stop-me").status());
    }

    @Test
    void bad_job_requests_are_422_and_start_nothing() {
        String bearer = token("bad-" + UUID.randomUUID());
        var missing = factory.send(request("POST", "/api/jobs").bearer(bearer).json("{\"name\":\"x\"}"));
        assertEquals(422, missing.status(), missing.body());
        assertTrue(((String) missing.get("detail")).contains("description"), missing.body());
        var badSlug = factory.send(request("POST", "/api/jobs").bearer(bearer)
                .json("{\"name\":\"x\",\"description\":\"y\",\"slug\":\"../etc\"}"));
        assertEquals(422, badSlug.status(), badSlug.body());
        assertEquals("[]", get(bearer, "/api/jobs").body());
    }

    /** A job's ZIP as path to text (the export writes file entries only). */
    static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
