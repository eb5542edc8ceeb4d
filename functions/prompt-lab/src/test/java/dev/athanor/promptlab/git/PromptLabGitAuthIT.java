package dev.athanor.promptlab.git;

import dev.athanor.core.webhook.HmacSignature;
import dev.athanor.model.TeamId;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.promptlab.GitIdentity;
import dev.athanor.model.promptlab.GitIdentityStore;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.athanor.promptlab.git.PromptLabPromotionIT.subset;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team's Git identity on each platform, the status routes, repository access, the webhook, and the bad input the
 * workflow must refuse cleanly: unknown platforms, refused tokens, no identity, no repository, another project's
 * entry, a token that cannot push, a failing host. Nothing half-written is left by any of them.
 */
@ExtendWith(LocalStackExtension.class)
class PromptLabGitAuthIT {

    private static GitWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = new GitWorld();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @ParameterizedTest
    @EnumSource(GitPlatform.class)
    void each_platform_authenticates_and_the_status_routes_answer(GitPlatform platform) {
        GitWorld.Team team = world.team(platform);
        Map<String, Object> before = team.ok("GET", "/api/git/quick-status", null);
        assertEquals(Map.of("authenticated", false), subset(before, "authenticated"));
        assertEquals(null, before.get("platform"));

        Map<String, Object> auth = team.authenticate();

        assertEquals(true, auth.get("success"));
        assertEquals(platform.wireName(), auth.get("platform"));
        assertEquals(team.user(), auth.get("username"));
        assertEquals(platform == GitPlatform.GITHUB ? null : world.hosts.baseUrl(), auth.get("server_url"));
        assertEquals("Dev " + team.id(), ((Map<?, ?>) auth.get("user")).get("name"));
        assertFalse(auth.toString().contains(team.token()), "the token is never shown");
        Map<String, Object> quick = team.ok("GET", "/api/git/quick-status", null);
        assertEquals(Map.of("authenticated", true, "platform", platform.wireName(), "username", team.user(),
                "last_validated", auth.get("last_validated")), quick);
        Map<String, Object> user = team.ok("GET", "/api/git/user", null);
        assertEquals(team.user() + "@example.com", user.get("email"));
        Map<String, Object> status = team.ok("GET", "/api/git/auth-status", null);
        assertEquals(true, status.get("token_valid"));
        GitIdentity stored = world.http.context().getBean(GitIdentityStore.class).find(TeamId.of(team.id()))
                .orElseThrow();
        assertNotEquals(team.token(), stored.sealedToken());
        assertFalse(stored.sealedToken().contains(team.token()), "the token is stored sealed");
        long project = team.project("access-" + platform.wireName());
        Map<String, Object> access = team.ok("POST", "/api/projects/" + project + "/git/test-access", null);
        assertEquals(Map.of("accessible", true, "can_read", true, "can_push", true, "default_branch", "main",
                "platform", platform.wireName()), subset(access, "accessible", "can_read", "can_push",
                "default_branch", "platform"));
    }

    @Test
    void bad_credentials_are_refused_with_a_clear_detail_and_nothing_is_stored() {
        GitWorld.Team team = world.team(GitPlatform.GITHUB);
        LambdaHttp.Response unknown = team.send("POST", "/api/git/auth",
                "{\"platform\": \"bitbucket\", \"username\": \"u\", \"access_token\": \"t\"}");
        LambdaHttp.Response missing = team.send("POST", "/api/git/auth", "{\"platform\": \"gitea\"}");
        LambdaHttp.Response refused = team.send("POST", "/api/git/auth", """
                {"platform": "github", "username": "%s", "access_token": "wrong-secret-token"}""".formatted(team.user()));
        LambdaHttp.Response metadata = team.send("POST", "/api/git/auth", """
                {"platform": "gitlab", "username": "u", "access_token": "t", "server_url": "http://169.254.169.254"}""");

        assertEquals(422, unknown.status(), unknown.body());
        assertEquals("Invalid Git credentials: platform must be one of github, gitlab, gitea",
                unknown.map().get("detail"));
        assertEquals(422, missing.status(), missing.body());
        String detail = (String) missing.map().get("detail");
        assertTrue(detail.contains("username is required") && detail.contains("access_token is required")
                && detail.contains("server_url is required for gitea"), detail);
        assertEquals(401, refused.status(), refused.body());
        assertTrue(((String) refused.map().get("detail")).startsWith("GitHub refused the access token"),
                refused.body());
        assertFalse(refused.body().contains("wrong-secret-token"));
        assertEquals(422, metadata.status(), metadata.body());
        assertEquals(Map.of("authenticated", false), subset(team.ok("GET", "/api/git/quick-status", null),
                "authenticated"));
    }

    @Test
    void promotions_need_an_identity_a_repository_and_an_entry_of_the_project() {
        GitWorld.Team team = world.team(GitPlatform.GITHUB);
        long project = team.project("no-identity");
        long entry = team.prompt(project, "Hello {{content}}", 0.5);
        LambdaHttp.Response noIdentity = team.send("POST", "/api/projects/" + project + "/history/" + entry
                + "/tag-prod", "{}");
        team.authenticate();
        LambdaHttp.Response noRepo = team.send("POST", "/api/projects", "{\"name\": \"plain\", \"provider_id\": \"m\"}");
        long plain = ((Number) noRepo.map().get("id")).longValue();
        long plainEntry = team.prompt(plain, "Plain {{content}}", 0.5);
        LambdaHttp.Response withoutRepository = team.send("POST", "/api/projects/" + plain + "/history/"
                + plainEntry + "/tag-prod", "{}");
        LambdaHttp.Response otherProjects = team.send("POST", "/api/projects/" + project + "/history/" + plainEntry
                + 7 + "/tag-prod", "{}");
        LambdaHttp.Response unknownProject = team.send("POST", "/api/projects/999/history/1/tag-prod", "{}");
        LambdaHttp.Response badBody = team.send("POST", "/api/projects/" + project + "/history/" + entry
                + "/tag-prod", "{\"commit_message\": 5}");

        assertEquals(409, noIdentity.status(), noIdentity.body());
        assertTrue(((String) noIdentity.map().get("detail")).startsWith("Not authenticated with a Git platform"));
        assertEquals(409, withoutRepository.status(), withoutRepository.body());
        assertEquals("Project has no Git repository: set its git_repo_url first",
                withoutRepository.map().get("detail"));
        assertEquals(404, otherProjects.status(), otherProjects.body());
        assertEquals("History entry not found", otherProjects.map().get("detail"));
        assertEquals(404, unknownProject.status());
        assertEquals(422, badBody.status(), badBody.body());
        Map<String, Object> tagTest = team.ok("POST", "/api/projects/" + plain + "/history/" + plainEntry
                + "/tag-test", "{}");
        assertEquals("database", tagTest.get("source"));
        assertEquals("Plain {{content}}", team.ok("GET", "/api/projects/" + plain + "/test-settings", null)
                .get("user_prompt"));
        assertEquals(List.of(), team.send("GET", "/api/projects/" + plain + "/pending-prs", null).list());
    }

    @Test
    void a_refused_push_or_a_failing_host_leaves_no_pull_request_and_no_promotion() {
        GitWorld.Team team = world.team(GitPlatform.GITLAB);
        team.authenticate();
        long project = team.project("refused");
        long entry = team.prompt(project, "Refuse {{content}}", 0.5);
        world.git.grant(team.token(), team.repo(), false);
        world.hosts.grant(team.token(), team.repo(), false);
        List<String> branches = world.git.branches(team.repo());

        LambdaHttp.Response readOnly = team.send("POST", "/api/projects/" + project + "/history/" + entry
                + "/tag-prod", "{}");
        Map<String, Object> access = team.ok("POST", "/api/projects/" + project + "/git/test-access", null);
        world.git.grant(team.token(), team.repo(), true);
        world.hosts.grant(team.token(), team.repo(), true);
        int before = world.hosts.pullRequests(GitPlatform.GITLAB, team.repo()).size();
        world.hosts.failNext(502);
        LambdaHttp.Response hostDown = team.send("POST", "/api/projects/" + project + "/history/" + entry
                + "/tag-prod", "{}");

        assertEquals(403, readOnly.status(), readOnly.body());
        assertEquals(branches, world.git.branches(team.repo()));
        assertEquals(false, access.get("can_push"));
        assertEquals(true, access.get("can_read"));
        assertEquals(502, hostDown.status(), hostDown.body());
        assertFalse(hostDown.body().contains(team.token()));
        assertEquals(before, world.hosts.pullRequests(GitPlatform.GITLAB, team.repo()).size());
        assertEquals(List.of(1), team.send("GET", "/api/projects/" + project + "/pending-prs", null).list().stream()
                .map(p -> p.get("pr_number")).toList(), "only the folder's merge request is recorded");
    }

    @Test
    void a_signed_webhook_delivery_marks_a_merge_at_once_and_an_unsigned_one_is_refused() {
        GitWorld.Team team = world.team(GitPlatform.GITHUB);
        team.authenticate();
        long project = team.project("hooked");
        long entry = team.prompt(project, "Hook {{content}}", 0.4);
        Map<String, Object> tagged = team.ok("POST", "/api/projects/" + project + "/history/" + entry + "/tag-prod",
                "{}");
        String secret = (String) team.ok("POST", "/api/git/webhook-secret", null).get("secret");
        String merge = world.git.merge(team.repo(), (String) tagged.get("branch"), "main");
        world.hosts.merge(GitPlatform.GITHUB, team.repo(), 2, merge);
        byte[] body = """
                {"action": "closed", "number": 2, "pull_request": {"number": 2, "merged": true},
                 "repository": {"full_name": "%s"}}""".formatted(team.repo()).getBytes(StandardCharsets.UTF_8);

        LambdaHttp.Response forged = world.http.send(request("POST", "/api/git/webhooks/" + team.id())
                .header("X-GitHub-Event", "pull_request").header("X-Hub-Signature-256", "sha256=00")
                .bytes("application/json", body));
        LambdaHttp.Response signed = world.http.send(request("POST", "/api/git/webhooks/" + team.id())
                .header("X-GitHub-Event", "pull_request")
                .header("X-Hub-Signature-256", "sha256=" + HmacSignature.hex(body, secret))
                .bytes("application/json", body));

        assertEquals(401, forged.status(), forged.body());
        assertEquals(200, signed.status(), signed.body());
        assertEquals(Map.of("applied", true, "pr_number", 2, "status", "merged"),
                subset(signed.map(), "applied", "pr_number", "status"));
        Map<String, Object> prod = team.ok("GET", "/prompt/hooked/llama-3.1-8b-instruct/prod", null);
        assertEquals("Hook {{content}}", prod.get("userPrompt"));
        assertEquals(true, prod.get("is_prod"));
    }

    @ParameterizedTest
    @EnumSource(value = GitPlatform.class, names = {"GITLAB", "GITEA"})
    void gitlab_and_gitea_deliveries_are_checked_their_own_way(GitPlatform platform) {
        GitWorld.Team team = world.team(platform);
        team.authenticate();
        long project = team.project("hooked-" + platform.wireName());
        long entry = team.prompt(project, "Hook {{content}}", 0.4);
        Map<String, Object> tagged = team.ok("POST", "/api/projects/" + project + "/history/" + entry + "/tag-prod",
                "{}");
        long number = ((Number) tagged.get("pr_number")).longValue();
        String secret = (String) team.ok("POST", "/api/git/webhook-secret", null).get("secret");
        world.hosts.merge(platform, team.repo(), number,
                world.git.merge(team.repo(), (String) tagged.get("branch"), "main"));
        byte[] body = (platform == GitPlatform.GITLAB ? """
                {"object_kind": "merge_request", "project": {"path_with_namespace": "%s"},
                 "object_attributes": {"iid": %d, "action": "merge", "state": "merged"}}"""
                : """
                {"action": "closed", "number": %2$d, "pull_request": {"number": %2$d, "merged": true},
                 "repository": {"full_name": "%1$s"}}""").formatted(team.repo(), number)
                .getBytes(StandardCharsets.UTF_8);
        var event = request("POST", "/api/git/webhooks/" + team.id());
        var wrong = request("POST", "/api/git/webhooks/" + team.id());
        if (platform == GitPlatform.GITLAB) {
            event.header("X-Gitlab-Event", "Merge Request Hook").header("X-Gitlab-Token", secret);
            wrong.header("X-Gitlab-Event", "Merge Request Hook").header("X-Gitlab-Token", secret + "x");
        } else {
            event.header("X-Gitea-Event", "pull_request").header("X-Gitea-Signature", HmacSignature.hex(body, secret));
            wrong.header("X-Gitea-Event", "pull_request").header("X-Gitea-Signature", HmacSignature.hex(body, "x"));
        }

        LambdaHttp.Response refused = world.http.send(wrong.bytes("application/json", body));
        LambdaHttp.Response delivered = world.http.send(event.bytes("application/json", body));

        assertEquals(401, refused.status(), refused.body());
        assertEquals(200, delivered.status(), delivered.body());
        assertEquals("merged", delivered.map().get("status"));
        assertEquals("git", team.ok("GET", "/prompt/hooked-" + platform.wireName() + "/llama-3.1-8b-instruct/prod",
                null).get("source"));
    }
}
