package dev.athanor.orchestrator.agents;

import dev.athanor.orchestrator.agents.AgentsTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.Map;

import static dev.athanor.orchestrator.agents.AgentsTesting.detail;
import static dev.athanor.orchestrator.agents.AgentsTesting.newCaller;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agent config files through the orchestrator's Lambda handler: index in DynamoDB, content in S3. */
@ExtendWith(LocalStackExtension.class)
class ConfigFilesApiIT {

    private static final String BASE = "/api/agents/files";
    private static final List<String> FIELDS = List.of("file_path", "file_type", "content", "last_modified");

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start(AgentsTesting.FUNCTION);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response send(Caller caller, String method, String path, String body) {
        return AgentsTesting.send(http, caller, method, path, body);
    }

    private static LambdaHttp.Response create(Caller caller, String path, String type, String content) {
        return send(caller, "POST", BASE, """
                {"file_path": "%s", "file_type": "%s", "content": "%s"}""".formatted(path, type, content));
    }

    private static List<?> paths(LambdaHttp.Response listed) {
        assertEquals(200, listed.status(), listed.body());
        return ((List<?>) listed.get("files")).stream().map(f -> ((Map<?, ?>) f).get("file_path")).toList();
    }

    /** The keys of the team's stored content objects. */
    private static List<String> contentObjects(Caller caller) {
        String bucket = LocalStackExtension.stack().functionEnvironment(AgentsTesting.FUNCTION)
                .get("ATHANOR_ARTIFACTS_BUCKET");
        return LocalStackExtension.stack().s3().listObjectsV2Paginator(r -> r.bucket(bucket)
                .prefix("teams/" + caller.team() + "/")).contents().stream().map(S3Object::key).toList();
    }

    @Test
    void a_file_is_created_read_by_its_path_listed_updated_and_deleted_with_its_content() {
        Caller caller = newCaller(http);

        var created = create(caller, ".claude/skills/code-review.md", "skill", "# Code Review Skill\\n...");
        var read = send(caller, "GET", BASE + "/.claude/skills/code-review.md", null);
        var listed = send(caller, "GET", BASE, null);
        var updated = send(caller, "PUT", BASE + "/.claude/skills/code-review.md", """
                {"content": "# Updated content..."}""");
        List<String> objectsAfterUpdate = contentObjects(caller);
        var reread = send(caller, "GET", BASE + "/.claude/skills/code-review.md", null);
        var deleted = send(caller, "DELETE", BASE + "/.claude/skills/code-review.md", null);
        var gone = send(caller, "GET", BASE + "/.claude/skills/code-review.md", null);

        assertEquals(201, created.status(), created.body());
        assertEquals(FIELDS, List.copyOf(created.map().keySet()));
        assertEquals(".claude/skills/code-review.md", created.get("file_path"));
        assertEquals("skill", created.get("file_type"));
        assertEquals("# Code Review Skill\n...", created.get("content"));
        assertTrue(((String) created.get("last_modified")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                created.body());
        assertEquals(created.map(), read.map());
        assertEquals(List.of(created.map()), listed.get("files"));
        assertEquals(200, updated.status(), updated.body());
        assertEquals("# Updated content...", updated.get("content"));
        assertEquals("skill", updated.get("file_type"), "a type not given stays");
        assertEquals(updated.map(), reread.map());
        assertEquals(1, objectsAfterUpdate.size(), "the replaced revision's content is removed: "
                + objectsAfterUpdate);
        assertTrue(objectsAfterUpdate.get(0).endsWith("/.claude/skills/code-review.md"), objectsAfterUpdate.get(0));
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(Map.of("message", "Config file deleted"), deleted.map());
        detail(gone, 404);
        assertEquals(List.of(), contentObjects(caller));
    }

    @Test
    void a_list_filters_by_file_type_and_an_unknown_type_is_422() {
        Caller caller = newCaller(http);
        create(caller, ".claude/skills/review.md", "skill", "s");
        create(caller, ".claude/commands/fix.md", "instruction", "i");
        create(caller, ".mcp.json", "mcp", "{}");
        create(caller, "settings.json", "config", "{}");

        var skills = http.send(request("GET", BASE).bearer(caller.bearer()).query("file_type", "skill"));
        var mcp = http.send(request("GET", BASE).bearer(caller.bearer()).query("file_type", "mcp"));
        var all = send(caller, "GET", BASE, null);
        var unknown = http.send(request("GET", BASE).bearer(caller.bearer()).query("file_type", "skills"));

        assertEquals(List.of(".claude/skills/review.md"), paths(skills));
        assertEquals(List.of(".mcp.json"), paths(mcp));
        assertEquals(List.of(".claude/commands/fix.md", ".claude/skills/review.md", ".mcp.json", "settings.json"),
                paths(all));
        assertTrue(detail(unknown, 422).contains("file_type"), unknown.body());
    }

    @Test
    void a_list_is_paged_by_path() {
        Caller caller = newCaller(http);
        for (String name : List.of("c.md", "a.md", "b.md")) {
            create(caller, name, "config", name);
        }

        var first = http.send(request("GET", BASE).bearer(caller.bearer()).query("limit", "2"));
        var second = http.send(request("GET", BASE).bearer(caller.bearer()).query("limit", "2")
                .query("cursor", first.header("X-Next-Cursor")));
        var tooMany = http.send(request("GET", BASE).bearer(caller.bearer()).query("limit", "21"));

        assertEquals(List.of("a.md", "b.md"), paths(first));
        assertNotNull(first.header("X-Next-Cursor"));
        assertEquals(List.of("c.md"), paths(second));
        assertEquals(null, second.header("X-Next-Cursor"));
        assertTrue(detail(tooMany, 422).contains("limit"), tooMany.body());
    }

    @Test
    void path_tricks_are_422_naming_file_path_and_nothing_is_stored() {
        Caller caller = newCaller(http);
        List<String> tricks = List.of("../secrets.md", "a/../../b.md", "/etc/passwd", "a\\\\b.md", "a%2Fb.md",
                "a%2e%2e/b.md", "a\\u0000b.md", "a\\nb.md", "a//b.md", "a/", "./a.md", "C:/x.md", "~/x.md", "",
                "x".repeat(513));

        for (String trick : tricks) {
            var refused = create(caller, trick, "config", "x");
            assertTrue(detail(refused, 422).contains("file_path"), trick + ": " + refused.body());
        }
        var missing = send(caller, "POST", BASE, """
                {"file_type": "config", "content": "x"}""");

        assertTrue(detail(missing, 422).contains("file_path"), missing.body());
        assertEquals(List.of(), paths(send(caller, "GET", BASE, null)));
        assertEquals(List.of(), contentObjects(caller));
    }

    @Test
    void content_is_capped_at_64_kib_of_utf8_with_422_naming_content() {
        Caller caller = newCaller(http);
        String atCap = "é".repeat(32 * 1024); // two bytes each: exactly 64 KiB

        var accepted = create(caller, "big.md", "config", atCap);
        var refused = create(caller, "bigger.md", "config", atCap + "x");
        var refusedUpdate = send(caller, "PUT", BASE + "/big.md", """
                {"content": "%s"}""".formatted(atCap + "x"));

        assertEquals(201, accepted.status(), accepted.status() + "");
        assertTrue(detail(refused, 422).contains("content"), refused.body());
        assertTrue(detail(refusedUpdate, 422).contains("content"), refusedUpdate.body());
        assertEquals(atCap, send(caller, "GET", BASE + "/big.md", null).get("content"));
        assertEquals(List.of("big.md"), paths(send(caller, "GET", BASE, null)));
        assertEquals(1, contentObjects(caller).size());
    }

    @Test
    void invalid_or_missing_fields_are_422_a_taken_path_409_and_a_path_cannot_move() {
        Caller caller = newCaller(http);
        create(caller, "a.md", "skill", "first");

        var badType = create(caller, "b.md", "prompt", "x");
        var noContent = send(caller, "POST", BASE, """
                {"file_path": "b.md", "file_type": "skill"}""");
        var notText = send(caller, "POST", BASE, """
                {"file_path": "b.md", "file_type": "skill", "content": 5}""");
        var taken = create(caller, "a.md", "config", "second");
        var moved = send(caller, "PUT", BASE + "/a.md", """
                {"file_path": "c.md", "content": "x"}""");
        var retyped = send(caller, "PUT", BASE + "/a.md", """
                {"file_type": "config", "content": "third"}""");
        var malformed = send(caller, "PUT", BASE + "/a.md", "{\"content\": ");

        assertTrue(detail(badType, 422).contains("file_type"), badType.body());
        assertTrue(detail(noContent, 422).contains("content"), noContent.body());
        assertTrue(detail(notText, 422).contains("content"), notText.body());
        assertTrue(detail(taken, 409).contains("a.md"), taken.body());
        assertTrue(detail(moved, 422).contains("file_path"), moved.body());
        assertEquals(200, retyped.status(), retyped.body());
        assertEquals("config", retyped.get("file_type"));
        detail(malformed, 400);
        assertEquals("third", send(caller, "GET", BASE + "/a.md", null).get("content"));
        assertEquals(List.of("a.md"), paths(send(caller, "GET", BASE, null)));
    }

    @Test
    void another_teams_file_and_paths_that_cannot_be_a_files_are_404_and_it_stays_untouched() {
        Caller owner = newCaller(http);
        Caller stranger = newCaller(http);
        create(owner, ".claude/skills/mine.md", "skill", "mine");

        var read = send(stranger, "GET", BASE + "/.claude/skills/mine.md", null);
        var update = send(stranger, "PUT", BASE + "/.claude/skills/mine.md", """
                {"content": "theirs"}""");
        var delete = send(stranger, "DELETE", BASE + "/.claude/skills/mine.md", null);
        var listed = send(stranger, "GET", BASE, null);
        var climbing = send(owner, "GET", BASE + "/.claude/skills/../skills/mine.md", null);
        var unknown = send(owner, "GET", BASE + "/.claude/skills/other.md", null);

        detail(read, 404);
        detail(update, 404);
        detail(delete, 404);
        assertEquals(List.of(), paths(listed));
        assertEquals(List.of(), contentObjects(stranger));
        detail(climbing, 404);
        detail(unknown, 404);
        assertEquals("mine", send(owner, "GET", BASE + "/.claude/skills/mine.md", null).get("content"));
    }
}
