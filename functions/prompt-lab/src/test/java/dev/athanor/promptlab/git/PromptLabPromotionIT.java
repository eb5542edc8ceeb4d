package dev.athanor.promptlab.git;

import dev.athanor.model.TeamId;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.PullRequestState;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.EvaluationStore;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.git.HostedPullRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Production through review: tag-prod pushes a branch to a real Git server and opens a pull request on the host's
 * API; once the host reports it merged, {@code /prod} serves the file from Git. Also tag-test, the pull request
 * routes, the repository's histories, the gate and the audit log, on each platform.
 */
@ExtendWith(LocalStackExtension.class)
class PromptLabPromotionIT {

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
    void tag_prod_opens_a_pull_request_and_once_merged_prod_serves_the_git_file(GitPlatform platform) {
        GitWorld.Team team = world.team(platform);
        team.authenticate();
        long project = team.project("summarizer");
        // creating a project with a repository proposes its folder
        List<HostedPullRequest> opened = world.hosts.pullRequests(platform, team.repo());
        assertEquals(1, opened.size(), opened.toString());
        assertEquals("Add prompt-lab project summarizer", opened.get(0).title());
        assertTrue(world.git.readFile(team.repo(), opened.get(0).branch(), "prompts/summarizer/project.json")
                .contains("\"provider_id\" : \"llama-3.1-8b-instruct\""));
        long entry = team.prompt(project, "Summarize: {{content}}", 0.6);

        Map<String, Object> tagged = team.ok("POST", "/api/projects/" + project + "/history/" + entry + "/tag-prod",
                "{\"commit_message\": \"Promote the careful summarizer\"}");

        String branch = (String) tagged.get("branch");
        assertEquals(2, ((Number) tagged.get("pr_number")).intValue(), tagged.toString());
        assertEquals("open", tagged.get("status"));
        assertEquals("main", tagged.get("target_branch"));
        assertEquals("prompt", tagged.get("history_kind"));
        assertEquals(entry, ((Number) tagged.get("history_id")).longValue());
        assertEquals("prompts/summarizer/prompt.json", tagged.get("file"));
        assertEquals(platform.wireName(), tagged.get("platform"));
        assertTrue(((String) tagged.get("pr_url")).startsWith("http"), tagged.toString());
        assertTrue(((String) tagged.get("message")).contains("#2"), tagged.toString());
        String file = world.git.readFile(team.repo(), branch, "prompts/summarizer/prompt.json");
        assertTrue(file.contains("\"userPrompt\" : \"Summarize: {{content}}\""), file);
        assertTrue(file.contains("\"temperature\" : 0.6"), file);
        assertEquals(tagged.get("commit_sha"), world.git.resolve(team.repo(), branch));
        assertNull(world.git.readFile(team.repo(), "main", "prompts/summarizer/prompt.json"),
                "nothing reaches the default branch before review");
        HostedPullRequest pr = world.hosts.pullRequests(platform, team.repo()).get(1);
        assertEquals(branch, pr.branch());
        assertEquals("main", pr.base());
        assertEquals("Promote summarizer prompt #" + entry + " to production", pr.title());
        assertTrue(pr.body().contains("Promote the careful summarizer"), pr.body());
        assertTrue(pr.body().contains("this adds it") && pr.body().contains("\"userPrompt\" : \"Summarize: {{content}}\""),
                pr.body());
        assertTrue(pr.body().contains("No completed evaluation"), pr.body());

        List<Map<String, Object>> pending = team.send("GET", "/api/projects/" + project + "/pending-prs", null).list();
        assertEquals(List.of(1L, 2L), pending.stream().map(p -> ((Number) p.get("pr_number")).longValue()).sorted()
                .toList(), pending.toString());
        Map<String, Object> promotion = pending.stream().filter(p -> p.get("pr_number").equals(2)).findFirst()
                .orElseThrow();
        assertEquals(Map.of("pr_number", 2, "pr_url", tagged.get("pr_url"), "status", "open", "history_kind",
                "prompt", "history_id", (int) entry, "branch", branch, "target_branch", "main", "commit_sha",
                tagged.get("commit_sha")), subset(promotion, "pr_number", "pr_url", "status", "history_kind",
                "history_id", "branch", "target_branch", "commit_sha"));
        assertEquals(404, team.send("GET", "/prompt/summarizer/llama-3.1-8b-instruct/prod", null).status(),
                "an open pull request promotes nothing");

        String merge = world.git.merge(team.repo(), branch, "main");
        world.hosts.merge(platform, team.repo(), 2, merge);
        Map<String, Object> synced = team.ok("POST", "/api/projects/" + project + "/sync-prs", null);

        assertEquals(List.of(2), ((List<?>) synced.get("merged")).stream()
                .map(p -> ((Map<?, ?>) p).get("pr_number")).toList(), synced.toString());
        assertEquals(1, ((List<?>) synced.get("open")).size(), synced.toString());
        Map<String, Object> prod = team.ok("GET", "/prompt/summarizer/llama-3.1-8b-instruct/prod", null);
        assertEquals("Summarize: {{content}}", prod.get("userPrompt"));
        assertEquals("You are a careful summarizer", prod.get("systemPrompt"));
        assertEquals(0.6, ((Number) prod.get("temperature")).doubleValue());
        assertEquals(800, prod.get("maxLen"));
        assertEquals(Map.of("content", "text"), prod.get("variables"));
        assertEquals(true, prod.get("is_prod"));
        assertEquals("git", prod.get("source"));
        assertEquals(merge, prod.get("commit_sha"));
        Map<String, Object> marked = team.send("GET", "/api/projects/" + project + "/history", null).list().get(0);
        assertEquals(true, marked.get("is_prod"), "the merged promotion's entry is marked production");
        assertEquals(List.of(1), team.send("GET", "/api/projects/" + project + "/pending-prs", null).list().stream()
                .map(p -> p.get("pr_number")).toList());

        List<Map<String, Object>> versions = team.send("GET", "/api/projects/" + project + "/prod-history", null)
                .list();
        assertEquals(1, versions.size(), versions.toString());
        assertEquals(true, versions.get(0).get("is_current"));
        assertEquals(2, versions.get(0).get("pr_number"));
        assertEquals("Summarize: {{content}}", ((Map<?, ?>) versions.get(0).get("config")).get("userPrompt"));
        List<Map<String, Object>> history = team.send("GET", "/api/projects/" + project + "/git-history", null)
                .list();
        assertTrue(history.stream().anyMatch(i -> "pull_request".equals(i.get("type")) && i.get("pr_number")
                .equals(2) && "merged".equals(i.get("status"))), history.toString());
        assertTrue(history.stream().anyMatch(i -> "commit".equals(i.get("type"))), history.toString());
        List<Map<String, Object>> audit = team.send("GET", "/api/projects/" + project + "/git/audit", null).list();
        assertEquals(List.of("pull_request_merged", "pull_request_opened", "pull_request_opened"),
                audit.stream().map(a -> a.get("action")).toList(), audit.toString());
        assertEquals("git-host", audit.get(0).get("actor"));
    }

    @Test
    void tag_test_commits_the_settings_to_the_default_branch_and_test_settings_read_and_write_them() {
        GitWorld.Team team = world.team(GitPlatform.GITHUB);
        team.authenticate();
        long project = team.project("coder");
        long entry = team.prompt(project, "Debug {{code}}", 0.3);

        Map<String, Object> tagged = team.ok("POST", "/api/projects/" + project + "/history/" + entry + "/tag-test",
                "{\"commit_message\": \"Save debugging configuration as test settings\"}");

        assertEquals("git", tagged.get("source"));
        assertEquals("prompts/coder/settings.json", tagged.get("file"));
        assertEquals(world.git.resolve(team.repo(), "main"), tagged.get("commit_sha"));
        String file = world.git.readFile(team.repo(), "main", "prompts/coder/settings.json");
        assertTrue(file.contains("\"user_prompt\" : \"Debug {{code}}\""), file);
        Map<String, Object> read = team.ok("GET", "/api/projects/" + project + "/test-settings", null);
        assertEquals("Debug {{code}}", read.get("user_prompt"));
        assertEquals(0.3, ((Number) read.get("temperature")).doubleValue());
        assertEquals("git", read.get("source"));
        assertEquals(tagged.get("commit_sha"), read.get("commit_sha"));

        Map<String, Object> saved = team.ok("POST", "/api/projects/" + project + "/test-settings", """
                {"test_backend_url": "http://localhost:8000", "user_prompt": "Explain {{code}}", "max_len": 1000}""");

        assertEquals("git", saved.get("source"));
        assertEquals(world.git.resolve(team.repo(), "main"), saved.get("commit_sha"));
        assertTrue(world.git.readFile(team.repo(), "main", "prompts/coder/settings.json")
                .contains("\"user_prompt\" : \"Explain {{code}}\""));
        Map<String, Object> changes = team.ok("GET", "/api/projects/" + project + "/git-changes", null);
        assertEquals(Map.of("has_changes", false, "modified_files", List.of(), "untracked_files", List.of(),
                "branch", "main"), subset(changes, "has_changes", "modified_files", "untracked_files", "branch"));
        assertEquals(((String) saved.get("commit_sha")).substring(0, 7),
                ((String) changes.get("last_commit")).substring(0, 7));
    }

    @Test
    void the_evaluation_gate_refuses_a_low_scoring_prompt_and_nothing_is_pushed() {
        GitWorld.Team team = world.team(GitPlatform.GITHUB);
        team.authenticate();
        long project = team.project("gated");
        long entry = team.prompt(project, "Answer {{content}}", 0.5);
        assertEquals(Map.of("project_id", (int) project, "min_overall_score", 7.0, "passes", false),
                subset(team.ok("PUT", "/api/projects/" + project + "/git/gate", "{\"min_overall_score\": 7}"),
                        "project_id", "min_overall_score", "passes"));
        List<String> branches = world.git.branches(team.repo());

        LambdaHttp.Response none = team.send("POST", "/api/projects/" + project + "/history/" + entry + "/tag-prod",
                "{}");
        evaluation(team, project, 5.5);
        LambdaHttp.Response low = team.send("POST", "/api/projects/" + project + "/history/" + entry + "/tag-prod",
                "{}");

        assertEquals(409, none.status(), none.body());
        assertTrue(((String) none.map().get("detail")).contains("no completed evaluation"), none.body());
        assertEquals(409, low.status(), low.body());
        assertTrue(((String) low.map().get("detail")).contains("scored 5.50 overall, below the minimum of 7.00"),
                low.body());
        assertEquals(branches, world.git.branches(team.repo()), "nothing was pushed");
        assertEquals(1, world.hosts.pullRequests(GitPlatform.GITHUB, team.repo()).size(), "only the folder's PR");
        List<Map<String, Object>> audit = team.send("GET", "/api/git/audit", null).list();
        assertEquals("promotion_refused", audit.get(0).get("action"));

        evaluation(team, project, 8.25);
        Map<String, Object> passed = team.ok("POST", "/api/projects/" + project + "/history/" + entry + "/tag-prod",
                "{}");
        assertEquals(2, passed.get("pr_number"));
        String body = world.hosts.pullRequests(GitPlatform.GITHUB, team.repo()).get(1).body();
        assertTrue(body.contains("| **overall** | **8.25** |"), body);
        assertTrue(body.contains("at least 7.00"), body);
    }

    private static void evaluation(GitWorld.Team team, long project, double overall) {
        Instant now = Instant.now();
        world.http.context().getBean(EvaluationStore.class).create(TeamId.of(team.id()), new Evaluation(
                "ev-" + UUID.randomUUID(), project, Evaluation.COMPLETED, "xsum", 2, List.of("relevance"), "m", "j",
                "Answer {{content}}", null, new Evaluation.Aggregates(Map.of("relevance", overall), overall, 2, 2, 0),
                null, now, now, null));
    }

    static Map<String, Object> subset(Map<String, Object> map, String... keys) {
        Map<String, Object> subset = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            assertTrue(map.containsKey(key), key + " missing in " + map);
            subset.put(key, map.get(key));
        }
        return subset;
    }

    @Test
    void a_pull_request_closed_without_merge_promotes_nothing() {
        GitWorld.Team team = world.team(GitPlatform.GITEA);
        team.authenticate();
        long project = team.project("closed");
        long entry = team.prompt(project, "Close {{content}}", 0.5);
        Map<String, Object> tagged = team.ok("POST", "/api/projects/" + project + "/history/" + entry + "/tag-prod",
                "{}");
        world.hosts.close(GitPlatform.GITEA, team.repo(), ((Number) tagged.get("pr_number")).longValue());

        team.ok("POST", "/api/projects/" + project + "/clear-pr-cache", null);
        List<Map<String, Object>> pending = team.send("GET", "/api/projects/" + project + "/pending-prs", null).list();

        assertEquals(List.of(1), pending.stream().map(p -> p.get("pr_number")).toList());
        assertEquals(false, team.send("GET", "/api/projects/" + project + "/history", null).list().get(0)
                .get("is_prod"));
        assertEquals(PullRequestState.CLOSED, world.hosts.pullRequests(GitPlatform.GITEA, team.repo()).get(1).state());
        List<Map<String, Object>> audit = team.send("GET", "/api/projects/" + project + "/git/audit", null).list();
        assertEquals("pull_request_closed", audit.get(0).get("action"));
        assertNotNull(audit.get(0).get("at"));
        assertFalse(audit.isEmpty());
    }

    @Test
    void renaming_a_project_proposes_moving_its_folder_and_sync_all_reads_every_repository() {
        GitWorld.Team team = world.team(GitPlatform.GITLAB);
        team.authenticate();
        long project = team.project("old-name");
        HostedPullRequest folder = world.hosts.pullRequests(GitPlatform.GITLAB, team.repo()).get(0);
        world.hosts.merge(GitPlatform.GITLAB, team.repo(), folder.number(),
                world.git.merge(team.repo(), folder.branch(), "main"));

        team.ok("PUT", "/api/projects/" + project, "{\"name\": \"new name\"}");

        HostedPullRequest rename = world.hosts.pullRequests(GitPlatform.GITLAB, team.repo()).get(1);
        assertEquals("Rename prompt-lab project old-name to new name", rename.title());
        assertNull(world.git.readFile(team.repo(), rename.branch(), "prompts/old-name/project.json"));
        assertTrue(world.git.readFile(team.repo(), rename.branch(), "prompts/new%20name/project.json")
                .contains("\"name\" : \"new name\""));
        Map<String, Object> synced = team.ok("POST", "/api/git/sync-all", null);
        assertEquals(Map.of("synced", 1, "failed", 0, "merged_prs", 1), subset(synced, "synced", "failed",
                "merged_prs"));
        Map<?, ?> one = (Map<?, ?>) ((List<?>) synced.get("projects")).get(0);
        assertEquals("new name", one.get("name"));
        assertEquals("synced", one.get("status"));
        assertEquals(1, one.get("merged_prs"), "the folder's merge request was read merged: " + one);
        assertEquals(1, one.get("open_prs"), "the rename's is open: " + one);
    }

    @Test
    void two_promotions_at_once_both_open_their_pull_requests() throws Exception {
        GitWorld.Team team = world.team(GitPlatform.GITHUB);
        team.authenticate();
        long project = team.project("racing");
        long first = team.prompt(project, "First {{content}}", 0.1);
        long second = team.prompt(project, "Second {{content}}", 0.2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<LambdaHttp.Response>> calls = List.of(first, second).stream()
                    .map(entry -> pool.submit(() -> {
                        go.await();
                        return team.send("POST", "/api/projects/" + project + "/history/" + entry + "/tag-prod",
                                "{}");
                    })).toList();
            go.countDown();
            for (var call : calls) {
                LambdaHttp.Response response = call.get();
                assertEquals(200, response.status(), response.body());
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> titles = world.hosts.pullRequests(GitPlatform.GITHUB, team.repo()).stream()
                .map(HostedPullRequest::title).sorted().toList();
        assertEquals(List.of("Add prompt-lab project racing", "Promote racing prompt #" + first + " to production",
                "Promote racing prompt #" + second + " to production"), titles);
        assertEquals(3, team.send("GET", "/api/projects/" + project + "/pending-prs", null).list().size());
    }
}
