package dev.athanor.orchestrator.github;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.orchestrator.execution.OrchestrationTesting;
import dev.athanor.orchestrator.execution.OrchestrationTesting.Caller;
import dev.athanor.orchestrator.execution.TaskPipeline;
import dev.athanor.testkit.ApiGatewayEvents;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.CLAUDE;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.COPILOT;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.GEMINI;
import static dev.athanor.orchestrator.execution.OrchestrationTesting.list;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasks from GitHub issues through the Lambda handler: a project's webhook (made, read, rotated, removed), and
 * signed deliveries of GitHub's documented {@code issues} payload that make one started task per issue, with
 * forged, unsigned, replayed and foreign deliveries refused and other events ignored.
 */
@ExtendWith(LocalStackExtension.class)
class GithubWebhookApiIT {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final String REPO = "https://github.com/Codertocat/Hello-World";

    private static OrchestrationTesting orch;

    @BeforeAll
    static void start() {
        orch = new OrchestrationTesting(VENDOR);
    }

    @AfterAll
    static void stop() {
        orch.close();
    }

    @BeforeEach
    void vendor() {
        VENDOR.resetAll();
        orch.vendorModels();
    }

    /** A project of the caller's team on {@code repo} (null: none), and its webhook's URL path and secret. */
    private record Hooked(String project, String path, String secret) {
    }

    private String project(Caller caller, String repo) {
        LambdaHttp.Response created = orch.send(caller, "POST", "/api/projects", repo == null
                ? "{\"name\": \"No repo\"}" : "{\"name\": \"Hello\", \"github_repo\": \"" + repo + "\"}");
        assertEquals(201, created.status(), created.body());
        return (String) created.get("id");
    }

    private Hooked hooked(Caller caller) {
        String project = project(caller, REPO);
        LambdaHttp.Response hook = orch.send(caller, "POST", "/api/projects/" + project + "/github-webhook", null);
        assertEquals(201, hook.status(), hook.body());
        String url = (String) hook.get("url");
        return new Hooked(project, url.substring(url.indexOf("/api/webhooks/github/")), (String) hook.get("secret"));
    }

    /** GitHub's documented issues payload (Codertocat/Hello-World's issue), with this action, number and labels. */
    private static String issues(String action, int number, String repoUrl, String fullName, String labels,
                                 boolean pullRequest) {
        return """
                {
                  "action": "%s",
                  "issue": {
                    "url": "https://api.github.com/repos/Codertocat/Hello-World/issues/%d",
                    "repository_url": "https://api.github.com/repos/Codertocat/Hello-World",
                    "html_url": "https://github.com/Codertocat/Hello-World/issues/%d",
                    "id": 444500041,
                    "node_id": "MDU6SXNzdWU0NDQ1MDAwNDE=",
                    "number": %d,
                    "title": "Spelling error in the README file",
                    "user": {"login": "Codertocat", "id": 21031067, "type": "User", "site_admin": false},
                    "labels": [%s],
                    "state": "open",
                    "locked": false,
                    "assignee": null,
                    "assignees": [],
                    "milestone": null,
                    "comments": 0,
                    "created_at": "2019-05-15T15:20:18Z",
                    "updated_at": "2019-05-15T15:20:18Z",
                    "closed_at": null,
                    "author_association": "OWNER",%s
                    "body": "It looks like you accidently spelled ‘commit’ with two ‘t’s."
                  },
                  "repository": {
                    "id": 186853002,
                    "node_id": "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=",
                    "name": "Hello-World",
                    "full_name": "%s",
                    "private": false,
                    "owner": {"login": "Codertocat", "id": 21031067, "type": "User"},
                    "html_url": "%s",
                    "default_branch": "master"
                  },
                  "sender": {"login": "Codertocat", "id": 21031067, "type": "User", "site_admin": false}
                }
                """.formatted(action, number, number, number, labels,
                pullRequest ? "\n    \"pull_request\": {\"url\": \"https://api.github.com/repos/Codertocat/"
                        + "Hello-World/pulls/" + number + "\"}," : "", fullName, repoUrl);
    }

    private static String label(String name) {
        return "{\"id\": 1362934389, \"node_id\": \"MDU6TGFiZWwxMzYyOTM0Mzg5\", \"url\": \"https://api.github.com/"
                + "repos/Codertocat/Hello-World/labels/" + name + "\", \"name\": \"" + name + "\", \"color\": "
                + "\"d73a4a\", \"default\": true}";
    }

    private static String opened(int number, String... labels) {
        return issues("opened", number, REPO, "Codertocat/Hello-World",
                String.join(", ", java.util.Arrays.stream(labels).map(GithubWebhookApiIT::label).toList()), false);
    }

    private static LambdaHttp.Response deliver(String path, String event, String delivery, String body,
                                               String signature) {
        ApiGatewayEvents sent = request("POST", path).header("X-GitHub-Event", event)
                .header("User-Agent", "GitHub-Hookshot/044aadd").json(body);
        if (delivery != null) {
            sent.header("X-GitHub-Delivery", delivery);
        }
        if (signature != null) {
            sent.header("X-Hub-Signature-256", signature);
        }
        return orch.http.send(sent);
    }

    private static LambdaHttp.Response deliver(Hooked hook, String event, String delivery, String body) {
        return deliver(hook.path(), event, delivery, body,
                DeliverySignature.of(body.getBytes(StandardCharsets.UTF_8), hook.secret()));
    }

    private static int taskCount(Caller caller, String project) {
        LambdaHttp.Response tasks = orch.send(caller, "GET", "/api/tasks?project_id=" + project, null);
        assertEquals(200, tasks.status(), tasks.body());
        return ((Number) tasks.get("total")).intValue();
    }

    @Test
    void an_opened_issue_makes_one_started_task_that_a_replay_or_a_later_label_does_not_repeat() {
        Caller caller = orch.newCaller();
        Hooked hook = hooked(caller);
        for (String model : List.of(CLAUDE, GEMINI, COPILOT)) {
            orch.agentSays(model, "Fixed the spelling of commit");
        }
        orch.judgeScores("Fixed the spelling of commit", 0.95);
        String body = opened(1, "bug");
        String delivery = UUID.randomUUID().toString();

        LambdaHttp.Response made = deliver(hook, "issues", delivery, body);

        assertEquals(201, made.status(), made.body());
        String id = (String) made.get("task_id");
        assertEquals(Map.of("task_id", id, "task_type", "debugging", "status", "pending"), made.map());
        LambdaHttp.Response task = orch.send(caller, "GET", "/api/tasks/" + id, null);
        assertEquals(200, task.status(), task.body());
        assertEquals(hook.project(), task.get("project_id"));
        assertEquals(1, ((Number) task.get("issue_number")).intValue());
        assertEquals("Spelling error in the README file", task.get("title"));
        assertEquals("It looks like you accidently spelled ‘commit’ with two ‘t’s.", task.get("description"));
        assertEquals(List.of("bug"), task.get("labels"));
        assertEquals(1, taskCount(caller, hook.project()));

        LambdaHttp.Response replayed = deliver(hook, "issues", delivery, body);
        assertEquals(401, replayed.status(), replayed.body());
        assertTrue(((String) replayed.get("detail")).contains("replayed"), replayed.body());

        LambdaHttp.Response labeled = deliver(hook, "issues", UUID.randomUUID().toString(),
                issues("labeled", 1, REPO, "Codertocat/Hello-World", label("bug") + ", " + label("security"), false));
        assertEquals(200, labeled.status(), labeled.body());
        assertEquals(id, labeled.get("task_id"), "the issue's task, not a second one");
        assertEquals(1, taskCount(caller, hook.project()));

        orch.drain();

        Map<String, Object> done = orch.send(caller, "GET", "/api/tasks/" + id, null).map();
        assertEquals("completed", done.get("status"), String.valueOf(done.get("error")));
        List<Map<String, Object>> iterations = list(orch.send(caller, "GET", "/api/tasks/" + id + "/iterations",
                null).list());
        assertEquals(List.of("Fixed the spelling of commit"), iterations.stream().map(i -> i.get("content")).toList());
        assertTrue(orch.worker.getBean(PipelineEngine.class)
                .find(caller.team(), TaskPipeline.executionId(id, 1)).isPresent(), "the task ran on the engine");
    }

    @Test
    void labels_route_the_task_type_and_each_issue_makes_its_own_task() {
        Caller caller = orch.newCaller();
        Hooked hook = hooked(caller);

        LambdaHttp.Response security = deliver(hook, "issues", UUID.randomUUID().toString(),
                opened(7, "bug", "security"));
        LambdaHttp.Response workflow = deliver(hook, "issues", UUID.randomUUID().toString(), issues("reopened", 8,
                REPO + ".git", "Codertocat/Hello-World", label("CI"), false));
        LambdaHttp.Response plain = deliver(hook, "issues", UUID.randomUUID().toString(), opened(9));

        assertEquals(201, security.status(), security.body());
        assertEquals("security", security.get("task_type"));
        assertEquals(201, workflow.status(), workflow.body());
        assertEquals("github_workflow", workflow.get("task_type"));
        assertEquals(201, plain.status(), plain.body());
        assertEquals("code_generation", plain.get("task_type"));
        assertEquals(3, taskCount(caller, hook.project()));
        assertEquals(List.of(), orch.send(caller, "GET", "/api/tasks/" + plain.get("task_id"), null).get("labels"));
    }

    @Test
    void forged_unsigned_and_misaddressed_deliveries_are_refused_and_make_nothing() {
        Caller caller = orch.newCaller();
        Hooked hook = hooked(caller);
        String body = opened(2, "bug");
        String delivery = UUID.randomUUID().toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        LambdaHttp.Response forged = deliver(hook.path(), "issues", delivery, body,
                DeliverySignature.of(bytes, "not-the-secret"));
        LambdaHttp.Response tampered = deliver(hook.path(), "issues", delivery, body.replace("Spelling", "Spelling!"),
                DeliverySignature.of(bytes, hook.secret()));
        LambdaHttp.Response unsigned = deliver(hook.path(), "issues", delivery, body, null);
        LambdaHttp.Response unknown = deliver("/api/webhooks/github/" + "x".repeat(22), "issues", delivery, body,
                DeliverySignature.of(bytes, hook.secret()));
        LambdaHttp.Response noDeliveryId = deliver(hook.path(), "issues", null, body,
                DeliverySignature.of(bytes, hook.secret()));

        for (LambdaHttp.Response refused : List.of(forged, tampered, unsigned, unknown, noDeliveryId)) {
            assertEquals(401, refused.status(), refused.body());
            assertTrue(refused.get("detail") instanceof String, refused.body());
        }
        assertTrue(((String) unsigned.get("detail")).contains("X-Hub-Signature-256"), unsigned.body());
        assertEquals(0, taskCount(caller, hook.project()));

        LambdaHttp.Response genuine = deliver(hook, "issues", delivery, body);
        assertEquals(201, genuine.status(), "a refused delivery id is not remembered: " + genuine.body());
    }

    @Test
    void another_repositorys_issue_is_refused_and_pings_pull_requests_and_other_events_make_no_task() {
        Caller caller = orch.newCaller();
        Hooked hook = hooked(caller);

        LambdaHttp.Response foreign = deliver(hook, "issues", UUID.randomUUID().toString(), issues("opened", 3,
                "https://github.com/Octocat/Hello-World", "Octocat/Hello-World", label("bug"), false));
        LambdaHttp.Response ping = deliver(hook, "ping", UUID.randomUUID().toString(), """
                {"zen": "Design for failure.", "hook_id": 109948940,
                 "repository": {"full_name": "Codertocat/Hello-World", "html_url": "%s"}}""".formatted(REPO));
        LambdaHttp.Response pullRequest = deliver(hook, "issues", UUID.randomUUID().toString(),
                issues("opened", 4, REPO, "Codertocat/Hello-World", label("bug"), true));
        LambdaHttp.Response closed = deliver(hook, "issues", UUID.randomUUID().toString(),
                issues("closed", 5, REPO, "Codertocat/Hello-World", label("bug"), false));
        LambdaHttp.Response push = deliver(hook, "push", UUID.randomUUID().toString(),
                "{\"ref\": \"refs/heads/main\", \"repository\": {\"html_url\": \"" + REPO + "\"}}");

        assertEquals(422, foreign.status(), foreign.body());
        assertTrue(((String) foreign.get("detail")).contains("https://github.com/Octocat/Hello-World"),
                foreign.body());
        assertEquals(200, ping.status(), ping.body());
        assertEquals(Map.of("ok", true, "zen", "Design for failure.", "project_id", hook.project()), ping.map());
        assertEquals(202, pullRequest.status(), pullRequest.body());
        assertTrue(((String) pullRequest.get("ignored")).contains("pull request"), pullRequest.body());
        assertEquals(202, closed.status(), closed.body());
        assertTrue(((String) closed.get("ignored")).contains("closed"), closed.body());
        assertEquals(202, push.status(), push.body());
        assertTrue(((String) push.get("ignored")).contains("push"), push.body());
        assertEquals(0, taskCount(caller, hook.project()));
    }

    @Test
    void the_team_makes_reads_rotates_and_removes_its_projects_webhook() {
        Caller caller = orch.newCaller();
        String project = project(caller, REPO);
        String base = orch.http.context().getProperty("athanor.auth.public-url", String.class).orElseThrow()
                .replaceAll("/+$", "");

        LambdaHttp.Response made = orch.send(caller, "POST", "/api/projects/" + project + "/github-webhook", null);
        LambdaHttp.Response read = orch.send(caller, "GET", "/api/projects/" + project + "/github-webhook", null);

        assertEquals(201, made.status(), made.body());
        assertEquals(List.of("url", "secret", "secret_set", "content_type", "events", "project_id", "github_repo",
                "created_at"), List.copyOf(made.map().keySet()));
        String url = (String) made.get("url");
        assertTrue(url.matches(java.util.regex.Pattern.quote(base) + "/api/webhooks/github/[A-Za-z0-9_-]{22}"), url);
        assertTrue(((String) made.get("secret")).matches("[0-9a-f]{64}"), made.body());
        assertEquals("json", made.get("content_type"));
        assertEquals(List.of("issues"), made.get("events"));
        assertEquals(project, made.get("project_id"));
        assertEquals(REPO, made.get("github_repo"));
        assertEquals(200, read.status(), read.body());
        assertTrue(read.map().containsKey("secret"));
        assertNull(read.get("secret"), "the secret is shown once");
        assertEquals(true, read.get("secret_set"));
        assertEquals(url, read.get("url"));
        assertEquals(made.get("created_at"), read.get("created_at"));

        Hooked first = new Hooked(project, url.substring(base.length()), (String) made.get("secret"));
        LambdaHttp.Response rotated = orch.send(caller, "POST", "/api/projects/" + project + "/github-webhook", null);
        assertEquals(201, rotated.status(), rotated.body());
        String rotatedUrl = (String) rotated.get("url");
        Hooked second = new Hooked(project, rotatedUrl.substring(base.length()), (String) rotated.get("secret"));
        assertTrue(!rotatedUrl.equals(url) && !second.secret().equals(first.secret()), rotated.body());
        assertEquals(401, deliver(first, "issues", UUID.randomUUID().toString(), opened(6)).status(),
                "the old URL and secret stop working");
        assertEquals(200, deliver(second, "ping", UUID.randomUUID().toString(), "{\"zen\": \"Keep it logically "
                + "awesome.\"}").status());

        LambdaHttp.Response removed = orch.send(caller, "DELETE", "/api/projects/" + project + "/github-webhook",
                null);
        assertEquals(204, removed.status(), removed.body());
        assertEquals(404, orch.send(caller, "GET", "/api/projects/" + project + "/github-webhook", null).status());
        assertEquals(404, orch.send(caller, "DELETE", "/api/projects/" + project + "/github-webhook", null).status());
        assertEquals(401, deliver(second, "ping", UUID.randomUUID().toString(), "{\"zen\": \"Half measures are as "
                + "bad as nothing at all.\"}").status());
    }

    @Test
    void a_project_without_github_repo_or_of_another_team_gets_no_webhook() {
        Caller caller = orch.newCaller();
        Caller stranger = orch.newCaller();
        String bare = project(caller, null);
        String project = project(caller, REPO);
        assertEquals(201, orch.send(caller, "POST", "/api/projects/" + project + "/github-webhook", null).status());

        LambdaHttp.Response noRepo = orch.send(caller, "POST", "/api/projects/" + bare + "/github-webhook", null);
        LambdaHttp.Response notTheirs = orch.send(stranger, "POST", "/api/projects/" + project + "/github-webhook",
                null);

        assertEquals(422, noRepo.status(), noRepo.body());
        assertTrue(((String) noRepo.get("detail")).contains("github_repo"), noRepo.body());
        assertEquals(404, orch.send(caller, "GET", "/api/projects/" + bare + "/github-webhook", null).status());
        assertEquals(404, notTheirs.status(), notTheirs.body());
        assertEquals(404, orch.send(stranger, "GET", "/api/projects/" + project + "/github-webhook", null).status());
        assertEquals(404, orch.send(stranger, "DELETE", "/api/projects/" + project + "/github-webhook", null)
                .status());
        assertEquals(404, orch.send(caller, "GET", "/api/projects/not-a-uuid/github-webhook", null).status());
        assertEquals(200, orch.send(caller, "GET", "/api/projects/" + project + "/github-webhook", null).status(),
                "the stranger's attempts left the webhook alone");
    }
}
