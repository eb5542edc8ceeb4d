package dev.athanor.git.host;

import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnauthorizedException;
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

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gitea (always self-hosted) through the port, against the fake hosts. */
class GiteaHostTest {

    @RegisterExtension
    static final GitHostFake HOSTS = GitHostFake.start();

    private static final String TOKEN = "4f3c0e7d9a1b2c3d4e5f60718293a4b5c6d7e8f9";

    /** Nothing is configured for Gitea: everything comes from the credentials' server_url. */
    private final GitHosts hosts = Hosts.reaching("http://127.0.0.1:9");
    private final GitCredentials alice = new GitCredentials(GitPlatform.GITEA, "Alice", TOKEN, HOSTS.baseUrl());

    @BeforeAll
    static void accounts() {
        HOSTS.user(GitPlatform.GITEA, "alice", TOKEN, "Alice Liddell", "alice@example.com");
    }

    @Test
    void authenticate_asks_whose_the_token_is_and_builds_the_profile_url() {
        GitUser user = hosts.authenticate(alice);

        assertEquals("alice", user.username());
        assertEquals("Alice Liddell", user.name());
        assertEquals("alice@example.com", user.email());
        assertTrue(user.avatarUrl().startsWith(HOSTS.baseUrl() + "/avatars/"), user.avatarUrl());
        assertEquals(HOSTS.baseUrl() + "/alice", user.profileUrl());
        HOSTS.server().verify(getRequestedFor(urlEqualTo("/api/v1/user"))
                .withHeader("Authorization", equalTo("token " + TOKEN))
                .withHeader("User-Agent", equalTo("Athanor")));
        HOSTS.server().verify(0, getRequestedFor(urlEqualTo("/api/v1/repos/octocat/Hello-World")));
    }

    @Test
    void the_server_url_is_required() {
        GitCredentials noServer = new GitCredentials(GitPlatform.GITEA, "alice", TOKEN, null);

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> hosts.authenticate(noServer));

        assertEquals("server_url is required for gitea", refused.getMessage());
        assertEquals(Map.of("server_url", List.of("is required for gitea")), refused.fieldErrors());
    }

    @Test
    void authenticate_refuses_a_token_of_another_account_naming_both() {
        GitCredentials claimed = new GitCredentials(GitPlatform.GITEA, "bob", TOKEN, HOSTS.baseUrl());

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> hosts.authenticate(claimed));

        assertEquals("The access token belongs to the Gitea account 'alice', not to 'bob'", refused.getMessage());
    }

    @Test
    void authenticate_refuses_an_unknown_token_with_giteas_words() {
        GitCredentials unknown = new GitCredentials(GitPlatform.GITEA, "alice", "0".repeat(40), HOSTS.baseUrl());

        UnauthorizedException refused = assertThrows(UnauthorizedException.class, () -> hosts.authenticate(unknown));

        assertEquals("Gitea refused the access token: token is required", refused.getMessage());
    }

    @Test
    void access_reports_push_right_and_default_branch() {
        HOSTS.repository("acme/pushable", "main").grant(TOKEN, "acme/pushable", true)
                .repository("acme/readable", "trunk").grant(TOKEN, "acme/readable", false)
                .repository("acme/hidden", "main");

        assertEquals(new RepoAccess(true, true, "main"), hosts.access(alice, repo("acme/pushable")));
        assertEquals(new RepoAccess(true, false, "trunk"), hosts.access(alice, repo("acme/readable")));
        assertEquals(new RepoAccess(false, false, null), hosts.access(alice, repo("acme/hidden")));
    }

    @Test
    void open_posts_the_pull_request_and_numbers_count_up() {
        HOSTS.repository("acme/prompts", "main").grant(TOKEN, "acme/prompts", true);

        PullRequest first = hosts.open(alice, repo("acme/prompts"), new NewPullRequest("prod/a", "main", "A", "a"));
        PullRequest second = hosts.open(alice, repo("acme/prompts"), new NewPullRequest("prod/b", "main", "B", "b"));

        assertEquals(new PullRequest(1, HOSTS.baseUrl() + "/acme/prompts/pulls/1", PullRequestState.OPEN, "prod/a",
                "main", "A", null, null), first);
        assertEquals(2, second.number());
        assertEquals(List.of(
                new HostedPullRequest(1, "prod/a", "main", "A", "a", PullRequestState.OPEN, null, null),
                new HostedPullRequest(2, "prod/b", "main", "B", "b", PullRequestState.OPEN, null, null)),
                HOSTS.pullRequests(GitPlatform.GITEA, "acme/prompts"));
        HOSTS.server().verify(postRequestedFor(urlEqualTo("/api/v1/repos/acme/prompts/pulls"))
                .withRequestBody(equalToJson("""
                        {"head":"prod/a","base":"main","title":"A","body":"a"}
                        """)));
    }

    @Test
    void open_from_a_branch_with_an_open_request_is_a_conflict() {
        HOSTS.repository("acme/twice", "main").grant(TOKEN, "acme/twice", true);
        NewPullRequest request = new NewPullRequest("feature", "main", "Once", "");
        hosts.open(alice, repo("acme/twice"), request);

        ConflictException conflict = assertThrows(ConflictException.class,
                () -> hosts.open(alice, repo("acme/twice"), request));

        assertTrue(conflict.getMessage().startsWith("Gitea refused the request on repository acme/twice: "
                + "pull request already exists for these targets [id: "), conflict.getMessage());
    }

    /** Gitea writes times in its server's zone (+02:00 for the fake): the instant must survive that. */
    @Test
    void find_reports_a_merged_request_with_its_merge_commit_and_time() {
        HOSTS.repository("acme/merged", "main").grant(TOKEN, "acme/merged", true);
        PullRequest opened = hosts.open(alice, repo("acme/merged"), new NewPullRequest("b", "main", "T", "B"));
        HostedPullRequest merged = HOSTS.merge(GitPlatform.GITEA, "acme/merged", opened.number(), "cd".repeat(20));

        PullRequest found = hosts.find(alice, repo("acme/merged"), opened.number());

        assertEquals(new PullRequest(1, HOSTS.baseUrl() + "/acme/merged/pulls/1", PullRequestState.MERGED, "b", "main",
                "T", "cd".repeat(20), merged.mergedAt()), found);
    }

    @Test
    void find_reports_a_closed_request() {
        HOSTS.repository("acme/closed", "main").grant(TOKEN, "acme/closed", true);
        PullRequest opened = hosts.open(alice, repo("acme/closed"), new NewPullRequest("b", "main", "T", "B"));
        HOSTS.close(GitPlatform.GITEA, "acme/closed", opened.number());

        PullRequest found = hosts.find(alice, repo("acme/closed"), opened.number());

        assertEquals(new PullRequest(1, HOSTS.baseUrl() + "/acme/closed/pulls/1", PullRequestState.CLOSED, "b", "main",
                "T", null, null), found);
    }

    @Test
    void find_of_an_unknown_number_names_the_pull_request() {
        HOSTS.repository("acme/none", "main").grant(TOKEN, "acme/none", false);

        NotFoundException missing = assertThrows(NotFoundException.class, () -> hosts.find(alice, repo("acme/none"), 3));

        assertEquals("Gitea has no pull request #3 in acme/none, or the token cannot see it", missing.getMessage());
    }

    private static GitRepo repo(String path) {
        return GitRepo.parse(HOSTS.baseUrl() + "/" + path).orElseThrow();
    }
}
