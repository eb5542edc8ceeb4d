package dev.athanor.git.host;

import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.GitUser;
import dev.athanor.model.git.NewPullRequest;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.PullRequestState;
import dev.athanor.model.git.RepoAccess;
import dev.athanor.testkit.git.GitHostFake;
import dev.athanor.testkit.git.HostedPullRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GitLab (gitlab.com and self-hosted) through the port, against the fake hosts; merge requests are pull requests. */
class GitlabHostTest {

    @RegisterExtension
    static final GitHostFake HOSTS = GitHostFake.start();

    private static final String TOKEN = "glpat-alice0123456789";

    /** gitlab.com is the configured GitLab; the credentials name no server. */
    private final GitHosts hosts = Hosts.reaching("http://127.0.0.1:9", HOSTS.baseUrl(), Duration.ofSeconds(5));
    private final GitCredentials alice = new GitCredentials(GitPlatform.GITLAB, "ALICE", TOKEN, null);

    @BeforeAll
    static void accounts() {
        HOSTS.user(GitPlatform.GITLAB, "alice", TOKEN, "Alice Liddell", "alice@example.com");
    }

    @Test
    void authenticate_reads_the_public_project_then_returns_the_tokens_account() {
        GitUser user = hosts.authenticate(alice);

        // GitLab's public_email is empty for this account: the account's own email stands in
        assertEquals("alice", user.username());
        assertEquals("Alice Liddell", user.name());
        assertEquals("alice@example.com", user.email());
        assertTrue(user.avatarUrl().startsWith(HOSTS.baseUrl() + "/uploads/-/system/user/avatar/"), user.avatarUrl());
        assertEquals(HOSTS.baseUrl() + "/alice", user.profileUrl());
        HOSTS.server().verify(getRequestedFor(urlEqualTo("/api/v4/projects/gitlab-org%2Fgitlab"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withHeader("User-Agent", equalTo("Athanor")));
        HOSTS.server().verify(getRequestedFor(urlEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
    }

    @Test
    void a_self_hosted_server_is_reached_at_its_server_url() {
        GitHosts elsewhere = Hosts.reaching("http://127.0.0.1:9", "http://127.0.0.1:9", Duration.ofSeconds(5));
        GitCredentials selfHosted = new GitCredentials(GitPlatform.GITLAB, "alice", TOKEN, HOSTS.baseUrl() + "/");

        assertEquals("alice", elsewhere.authenticate(selfHosted).username());
    }

    @Test
    void authenticate_refuses_a_token_of_another_account_naming_both() {
        GitCredentials claimed = new GitCredentials(GitPlatform.GITLAB, "bob", TOKEN, null);

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> hosts.authenticate(claimed));

        assertEquals("The access token belongs to the GitLab account 'alice', not to 'bob'", refused.getMessage());
    }

    @Test
    void authenticate_refuses_an_unknown_token_with_gitlabs_words() {
        GitCredentials unknown = new GitCredentials(GitPlatform.GITLAB, "alice", "glpat-unknown", null);

        UnauthorizedException refused = assertThrows(UnauthorizedException.class, () -> hosts.authenticate(unknown));

        assertEquals("GitLab refused the access token: 401 Unauthorized", refused.getMessage());
    }

    @Test
    void developer_may_push_reporter_may_only_read() {
        HOSTS.repository("acme/ml/dev", "main").grant(TOKEN, "acme/ml/dev", true)
                .repository("acme/ml/report", "develop").grant(TOKEN, "acme/ml/report", false)
                .repository("acme/ml/hidden", "main");

        assertEquals(new RepoAccess(true, true, "main"), hosts.access(alice, repo("acme/ml/dev")));
        assertEquals(new RepoAccess(true, false, "develop"), hosts.access(alice, repo("acme/ml/report")));
        assertEquals(new RepoAccess(false, false, null), hosts.access(alice, repo("acme/ml/hidden")));
        HOSTS.server().verify(getRequestedFor(urlEqualTo("/api/v4/projects/acme%2Fml%2Fdev")));
    }

    @Test
    void a_group_role_gives_the_push_right_too() {
        HOSTS.server().stubFor(get(urlEqualTo("/api/v4/projects/acme%2Fgrouped")).willReturn(okJson("""
                {"id": 7, "path_with_namespace": "acme/grouped", "default_branch": "main",
                 "permissions": {"project_access": null,
                                 "group_access": {"access_level": 40, "notification_level": 3}}}
                """)));

        assertEquals(new RepoAccess(true, true, "main"), hosts.access(alice, repo("acme/grouped")));
    }

    @Test
    void open_posts_a_merge_request_numbered_by_its_iid() {
        HOSTS.repository("acme/ml/prompts", "main").grant(TOKEN, "acme/ml/prompts", true);

        PullRequest first = hosts.open(alice, repo("acme/ml/prompts"),
                new NewPullRequest("prod/a", "main", "Promote a", "Why: *better*"));
        PullRequest second = hosts.open(alice, repo("acme/ml/prompts"),
                new NewPullRequest("prod/b", "main", "Promote b", "b"));

        assertEquals(new PullRequest(1, HOSTS.baseUrl() + "/acme/ml/prompts/-/merge_requests/1", PullRequestState.OPEN,
                "prod/a", "main", "Promote a", null, null), first);
        assertEquals(2, second.number());
        assertEquals(List.of(
                new HostedPullRequest(1, "prod/a", "main", "Promote a", "Why: *better*", PullRequestState.OPEN, null,
                        null),
                new HostedPullRequest(2, "prod/b", "main", "Promote b", "b", PullRequestState.OPEN, null, null)),
                HOSTS.pullRequests(GitPlatform.GITLAB, "acme/ml/prompts"));
        HOSTS.server().verify(postRequestedFor(urlEqualTo("/api/v4/projects/acme%2Fml%2Fprompts/merge_requests"))
                .withRequestBody(equalToJson("""
                        {"source_branch":"prod/a","target_branch":"main","title":"Promote a",
                         "description":"Why: *better*"}
                        """)));
    }

    @Test
    void open_from_a_branch_with_an_open_request_is_a_conflict() {
        HOSTS.repository("acme/twice", "main").grant(TOKEN, "acme/twice", true);
        NewPullRequest request = new NewPullRequest("feature", "main", "Once", "");
        hosts.open(alice, repo("acme/twice"), request);

        ConflictException conflict = assertThrows(ConflictException.class,
                () -> hosts.open(alice, repo("acme/twice"), request));

        assertEquals("GitLab refused the request on repository acme/twice: "
                + "Another open merge request already exists for this source branch: !1", conflict.getMessage());
    }

    @Test
    void find_reports_a_merged_request_with_its_merge_commit_and_time() {
        HOSTS.repository("acme/merged", "main").grant(TOKEN, "acme/merged", true);
        PullRequest opened = hosts.open(alice, repo("acme/merged"), new NewPullRequest("b", "main", "T", "B"));
        HostedPullRequest merged = HOSTS.merge(GitPlatform.GITLAB, "acme/merged", opened.number(), "ab".repeat(20));

        PullRequest found = hosts.find(alice, repo("acme/merged"), opened.number());

        assertEquals(new PullRequest(1, HOSTS.baseUrl() + "/acme/merged/-/merge_requests/1", PullRequestState.MERGED,
                "b", "main", "T", "ab".repeat(20), merged.mergedAt()), found);
    }

    @Test
    void find_reports_a_closed_request() {
        HOSTS.repository("acme/closed", "main").grant(TOKEN, "acme/closed", true);
        PullRequest opened = hosts.open(alice, repo("acme/closed"), new NewPullRequest("b", "main", "T", "B"));
        HOSTS.close(GitPlatform.GITLAB, "acme/closed", opened.number());

        PullRequest found = hosts.find(alice, repo("acme/closed"), opened.number());

        assertEquals(new PullRequest(1, HOSTS.baseUrl() + "/acme/closed/-/merge_requests/1", PullRequestState.CLOSED,
                "b", "main", "T", null, null), found);
    }

    @Test
    void find_of_an_unknown_iid_names_the_merge_request() {
        HOSTS.repository("acme/none", "main").grant(TOKEN, "acme/none", false);

        NotFoundException missing = assertThrows(NotFoundException.class, () -> hosts.find(alice, repo("acme/none"), 4));

        assertEquals("GitLab has no merge request !4 in acme/none, or the token cannot see it", missing.getMessage());
    }

    @Test
    void a_failing_host_is_an_upstream_failure() {
        HOSTS.failNext(500);

        UpstreamException failed = assertThrows(UpstreamException.class, () -> hosts.authenticate(alice));

        assertEquals("GitLab answered 500: 500 Internal Server Error", failed.getMessage());
    }

    private static GitRepo repo(String path) {
        return GitRepo.parse("https://gitlab.com/" + path + ".git").orElseThrow();
    }
}
