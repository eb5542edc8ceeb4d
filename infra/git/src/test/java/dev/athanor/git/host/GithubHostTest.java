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
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GitHub (github.com and Enterprise) through the port, against the fake hosts. */
class GithubHostTest {

    @RegisterExtension
    static final GitHostFake HOSTS = GitHostFake.start();

    private static final String TOKEN = "ghp_alice0123456789abcdef";
    private static final String OTHER_TOKEN = "ghp_bob0123456789abcdef";

    private final GitHosts hosts = Hosts.reaching(HOSTS.githubApiUrl());
    private final GitCredentials alice = new GitCredentials(GitPlatform.GITHUB, "alice", TOKEN, null);

    @BeforeAll
    static void accounts() {
        HOSTS.user(GitPlatform.GITHUB, "Alice", TOKEN, "Alice Liddell", "alice@example.com")
                .user(GitPlatform.GITHUB, "bob", OTHER_TOKEN);
    }

    @Test
    void authenticate_reads_the_public_repository_then_returns_the_tokens_account() {
        GitUser user = hosts.authenticate(alice);

        assertEquals("Alice", user.username());
        assertEquals("Alice Liddell", user.name());
        assertEquals("alice@example.com", user.email());
        assertTrue(user.avatarUrl().startsWith(HOSTS.baseUrl() + "/avatars/u/"), user.avatarUrl());
        assertEquals(HOSTS.baseUrl() + "/Alice", user.profileUrl());
        HOSTS.server().verify(getRequestedFor(urlEqualTo("/repos/octocat/Hello-World"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("User-Agent", equalTo("Athanor")));
        HOSTS.server().verify(getRequestedFor(urlEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void authenticate_refuses_a_token_of_another_account_naming_both() {
        GitCredentials claimed = new GitCredentials(GitPlatform.GITHUB, "mallory", TOKEN, null);

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> hosts.authenticate(claimed));

        assertEquals("The access token belongs to the GitHub account 'Alice', not to 'mallory'", refused.getMessage());
        assertEquals(Map.of("username", List.of(refused.getMessage())), refused.fieldErrors());
    }

    @Test
    void authenticate_refuses_an_unknown_token_with_githubs_words() {
        GitCredentials unknown = new GitCredentials(GitPlatform.GITHUB, "alice", "ghp_unknown000", null);

        UnauthorizedException refused = assertThrows(UnauthorizedException.class, () -> hosts.authenticate(unknown));

        assertEquals("GitHub refused the access token: Bad credentials", refused.getMessage());
    }

    @Test
    void github_enterprise_is_reached_under_api_v3_of_the_server_url_and_checked_by_the_account_alone() {
        GitCredentials enterprise = new GitCredentials(GitPlatform.GITHUB, "bob", OTHER_TOKEN, HOSTS.baseUrl() + "//");
        GitHosts nowhereElse = Hosts.reaching("http://127.0.0.1:9", "http://127.0.0.1:9", Duration.ofSeconds(5));

        GitUser user = nowhereElse.authenticate(enterprise);

        assertEquals("bob", user.username());
        assertEquals("bob", user.name());
        assertEquals("bob@example.com", user.email());
        // an Enterprise server has no octocat/Hello-World to probe
        HOSTS.server().verify(0, getRequestedFor(urlEqualTo("/api/v3/repos/octocat/Hello-World")));
        HOSTS.server().verify(getRequestedFor(urlEqualTo("/api/v3/user"))
                .withHeader("Authorization", equalTo("Bearer " + OTHER_TOKEN)));
    }

    @Test
    void access_reports_push_right_and_default_branch() {
        HOSTS.repository("acme/pushable", "main").grant(TOKEN, "acme/pushable", true)
                .repository("acme/readable", "trunk").grant(TOKEN, "acme/readable", false)
                .repository("acme/hidden", "main");

        assertEquals(new RepoAccess(true, true, "main"), hosts.access(alice, repo("acme/pushable")));
        assertEquals(new RepoAccess(true, false, "trunk"), hosts.access(alice, repo("acme/readable")));
        assertEquals(new RepoAccess(false, false, null), hosts.access(alice, repo("acme/hidden")));
        assertEquals(new RepoAccess(false, false, null), hosts.access(alice, repo("acme/absent")));
    }

    @Test
    void open_posts_the_pull_request_and_numbers_count_up_per_repository() {
        HOSTS.repository("acme/prompts", "main").grant(TOKEN, "acme/prompts", true);

        PullRequest first = hosts.open(alice, repo("acme/prompts"),
                new NewPullRequest("prod/summarizer-1", "main", "Promote summarizer", "Scores: **0.91**"));
        PullRequest second = hosts.open(alice, repo("acme/prompts"),
                new NewPullRequest("prod/summarizer-2", "main", "Promote again", ""));

        assertEquals(new PullRequest(1, HOSTS.baseUrl() + "/acme/prompts/pull/1", PullRequestState.OPEN,
                "prod/summarizer-1", "main", "Promote summarizer", null, null), first);
        assertEquals(2, second.number());
        assertEquals(List.of(
                new HostedPullRequest(1, "prod/summarizer-1", "main", "Promote summarizer", "Scores: **0.91**",
                        PullRequestState.OPEN, null, null),
                new HostedPullRequest(2, "prod/summarizer-2", "main", "Promote again", "",
                        PullRequestState.OPEN, null, null)), HOSTS.pullRequests(GitPlatform.GITHUB, "acme/prompts"));
        HOSTS.server().verify(postRequestedFor(urlEqualTo("/repos/acme/prompts/pulls"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"title":"Promote summarizer","head":"prod/summarizer-1","base":"main","body":"Scores: **0.91**"}
                        """)));
    }

    @Test
    void open_from_a_branch_with_an_open_request_is_a_conflict() {
        HOSTS.repository("acme/twice", "main").grant(TOKEN, "acme/twice", true);
        NewPullRequest request = new NewPullRequest("feature", "main", "Once", "");
        hosts.open(alice, repo("acme/twice"), request);

        ConflictException conflict = assertThrows(ConflictException.class,
                () -> hosts.open(alice, repo("acme/twice"), request));

        assertEquals("GitHub refused the request on repository acme/twice: Validation Failed: "
                + "A pull request already exists for acme:feature.", conflict.getMessage());
        assertEquals(1, HOSTS.pullRequests(GitPlatform.GITHUB, "acme/twice").size());
    }

    @Test
    void find_reports_a_merged_request_with_its_merge_commit_and_time() {
        HOSTS.repository("acme/merged", "main").grant(TOKEN, "acme/merged", true);
        PullRequest opened = hosts.open(alice, repo("acme/merged"), new NewPullRequest("b", "main", "T", "B"));
        HostedPullRequest merged = HOSTS.merge(GitPlatform.GITHUB, "acme/merged", opened.number(), "c0ffee" + "0".repeat(34));

        PullRequest found = hosts.find(alice, repo("acme/merged"), opened.number());

        assertNotNull(merged.mergedAt());
        assertEquals(new PullRequest(1, HOSTS.baseUrl() + "/acme/merged/pull/1", PullRequestState.MERGED, "b", "main",
                "T", "c0ffee" + "0".repeat(34), merged.mergedAt()), found);
    }

    @Test
    void find_reports_a_closed_request_without_merge_commit() {
        HOSTS.repository("acme/closed", "main").grant(TOKEN, "acme/closed", false);
        PullRequest opened = hosts.open(alice, repo("acme/closed"), new NewPullRequest("b", "main", "T", "B"));
        HOSTS.close(GitPlatform.GITHUB, "acme/closed", opened.number());

        PullRequest found = hosts.find(alice, repo("acme/closed"), opened.number());

        assertEquals(PullRequestState.CLOSED, found.state());
        assertEquals(null, found.mergeCommitSha());
        assertEquals(null, found.mergedAt());
        assertTrue(found.state().isFinal());
    }

    @Test
    void find_of_an_unknown_number_names_the_pull_request() {
        HOSTS.repository("acme/empty", "main").grant(TOKEN, "acme/empty", false);

        NotFoundException missing = assertThrows(NotFoundException.class, () -> hosts.find(alice, repo("acme/empty"), 9));

        assertEquals("GitHub has no pull request #9 in acme/empty, or the token cannot see it", missing.getMessage());
    }

    @Test
    void a_failing_host_is_an_upstream_failure() {
        HOSTS.failNext(502);

        UpstreamException failed = assertThrows(UpstreamException.class, () -> hosts.authenticate(alice));

        assertEquals("GitHub answered 502: Server Error", failed.getMessage());
        assertFalse(failed.getMessage().contains(TOKEN));
    }

    private static GitRepo repo(String path) {
        return GitRepo.parse("https://github.com/" + path).orElseThrow();
    }
}
