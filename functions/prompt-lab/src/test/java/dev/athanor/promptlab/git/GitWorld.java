package dev.athanor.promptlab.git;

import dev.athanor.model.TeamId;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.git.GitHostFake;
import dev.athanor.testkit.git.GitHttpServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the prompt lab's Git workflow talks to in these tests: a real Git server over HTTP and a fake of the Git hosts'
 * REST APIs (GitHub, GitLab, Gitea), with the prompt lab's Lambda handler pointed at both. Each test makes its own
 * team, account and repository, so tests do not see each other's pull requests.
 */
final class GitWorld implements AutoCloseable {

    final GitHttpServer git = GitHttpServer.start();
    final GitHostFake hosts = GitHostFake.start();
    final LambdaHttp http;

    GitWorld() throws Exception {
        Path workspace = Files.createTempDirectory("athanor-git-workspace");
        http = LambdaHttp.start("PromptLabFunction", Map.of(
                "athanor.git.github-api-url", hosts.githubApiUrl(),
                "athanor.git.workspace-dir", workspace.toString()));
    }

    /** A team, its account on the platform and a repository it may push to, with a first commit on main. */
    Team team(GitPlatform platform) {
        String id = "git-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "dev-" + id;
        String token = "tok-" + UUID.randomUUID();
        String repo = "acme-" + id + "/prompts";
        git.user(user, token).grant(token, repo, true).createRepository(repo, "main", true);
        hosts.user(platform, user, token, "Dev " + id, user + "@example.com").repository(repo, "main")
                .grant(token, repo, true);
        String bearer = http.context().getBean(TokenIssuer.class).issue(TeamId.of(id), Roles.MEMBER).token();
        return new Team(this, platform, id, bearer, user, token, repo);
    }

    @Override
    public void close() {
        http.close();
        hosts.close();
        git.close();
    }

    record Team(GitWorld world, GitPlatform platform, String id, String bearer, String user, String token,
                String repo) {

        LambdaHttp.Response send(String method, String path, String body) {
            var event = request(method, path).bearer(bearer);
            return world.http.send(body == null ? event : event.json(body));
        }

        Map<String, Object> ok(String method, String path, String body) {
            LambdaHttp.Response response = send(method, path, body);
            assertEquals(200, response.status(), method + " " + path + ": " + response.body());
            return response.map();
        }

        /** Signs in with the team's account, as each platform's example in the document does. */
        Map<String, Object> authenticate() {
            String server = platform == GitPlatform.GITHUB ? "" : ", \"server_url\": \"" + world.hosts.baseUrl() + "\"";
            return ok("POST", "/api/git/auth", """
                    {"platform": "%s", "username": "%s", "access_token": "%s"%s}"""
                    .formatted(platform.wireName(), user, token, server));
        }

        String repoUrl() {
            return world.git.cloneUrl(repo);
        }

        /** A project on the team's repository; returns its id. */
        long project(String name) {
            LambdaHttp.Response created = send("POST", "/api/projects", """
                    {"name": "%s", "provider_id": "llama-3.1-8b-instruct", "git_repo_url": "%s"}"""
                    .formatted(name, repoUrl()));
            assertEquals(201, created.status(), created.body());
            return ((Number) created.map().get("id")).longValue();
        }

        /** Saves a prompt to the project's history; returns its id. */
        long prompt(long project, String userPrompt, double temperature) {
            LambdaHttp.Response saved = send("POST", "/api/projects/" + project + "/history", """
                    {"userPrompt": "%s", "systemPrompt": "You are a careful summarizer",
                     "variables": {"content": "text"}, "temperature": %s, "maxLen": 800, "topP": 0.85, "topK": 40,
                     "response": "A summary"}""".formatted(userPrompt, temperature));
            assertEquals(201, saved.status(), saved.body());
            return ((Number) saved.map().get("id")).longValue();
        }
    }
}
