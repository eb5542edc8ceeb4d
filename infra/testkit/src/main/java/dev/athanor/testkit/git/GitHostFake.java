package dev.athanor.testkit.git;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.PullRequestState;
import dev.athanor.testkit.git.FakeHostState.Pull;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * GitHub, GitLab and Gitea's REST APIs at once, on one local port, holding state: accounts and their tokens,
 * repositories and what each token may do with them, and the pull (merge) requests opened, with numbers counting up
 * per repository. It speaks what Athanor uses of each API, in each vendor's JSON and error bodies:
 * <ul>
 *   <li>GitHub at the root (stand-in for api.github.com: {@link #githubApiUrl()}) and under {@code /api/v3} (GitHub
 *   Enterprise: {@code server_url = }{@link #baseUrl()});</li>
 *   <li>GitLab under {@code /api/v4} and Gitea under {@code /api/v1} ({@code server_url = }{@link #baseUrl()}).</li>
 * </ul>
 * Repositories are private unless granted to a token; octocat/Hello-World and gitlab-org/gitlab, which the hosts'
 * token checks read, are public. An unknown token gets the host's own 401.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GitHostFake HOSTS = GitHostFake.start();   // stopped after the class's tests
 * }</pre>
 */
public final class GitHostFake implements AutoCloseable, AfterAllCallback {

    private final FakeHostState state = new FakeHostState();
    private final WireMockServer server;

    private GitHostFake() {
        FakeHostTransformer transformer = new FakeHostTransformer(state);
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(transformer));
    }

    /** A started fake on a free port of 127.0.0.1. */
    public static GitHostFake start() {
        GitHostFake fake = new GitHostFake();
        fake.server.start();
        // the lowest priority: stubs a test adds to server() take precedence
        fake.server.stubFor(any(anyUrl()).atPriority(Integer.MAX_VALUE)
                .willReturn(aResponse().withTransformers(FakeHostTransformer.NAME)));
        return fake;
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** {@code http://127.0.0.1:<port>}: the {@code server_url} of GitHub Enterprise, GitLab and Gitea. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** What stands in for {@code https://api.github.com} (athanor.git.github-api-url). */
    public String githubApiUrl() {
        return server.baseUrl();
    }

    /** The WireMock server, to add stubs that take precedence or to verify requests. */
    public WireMockServer server() {
        return server;
    }

    /** An account on a platform whose access token is {@code token}; named {@code username}, mailed at example.com. */
    public GitHostFake user(GitPlatform platform, String username, String token) {
        return user(platform, username, token, username, username + "@example.com");
    }

    public GitHostFake user(GitPlatform platform, String username, String token, String name, String email) {
        synchronized (state) {
            state.addUser(platform, username, token, name, email);
        }
        return this;
    }

    /** A private repository, known to every platform of the fake, with the branch production is served from. */
    public GitHostFake repository(String path, String defaultBranch) {
        synchronized (state) {
            state.repository(path, defaultBranch, false);
        }
        return this;
    }

    /** Lets the token read the repository, and push to it when {@code push}. */
    public GitHostFake grant(String token, String path, boolean push) {
        synchronized (state) {
            state.grant(token, path, push);
        }
        return this;
    }

    /** The pull (merge) requests opened on the platform's repository, by number. */
    public List<HostedPullRequest> pullRequests(GitPlatform platform, String path) {
        synchronized (state) {
            return state.pulls(platform, state.existing(path)).stream().map(GitHostFake::hosted).toList();
        }
    }

    /** Merges an open request, so the next read reports it merged by that commit, now. */
    public HostedPullRequest merge(GitPlatform platform, String path, long number, String mergeCommitSha) {
        synchronized (state) {
            Pull pull = openPull(platform, path, number);
            pull.state = PullRequestState.MERGED;
            pull.mergeCommitSha = mergeCommitSha;
            pull.mergedAt = FakeHostState.now();
            pull.closedAt = pull.mergedAt;
            return hosted(pull);
        }
    }

    /** Closes an open request without merging it. */
    public HostedPullRequest close(GitPlatform platform, String path, long number) {
        synchronized (state) {
            Pull pull = openPull(platform, path, number);
            pull.state = PullRequestState.CLOSED;
            pull.closedAt = FakeHostState.now();
            return hosted(pull);
        }
    }

    /**
     * The next request, to whichever host, is answered with {@code status} and that host's error body, as when the
     * host itself fails (5xx) or refuses; a 429 says Retry-After: 60. Calls queue up one failure each.
     */
    public GitHostFake failNext(int status) {
        synchronized (state) {
            state.failNext(status);
        }
        return this;
    }

    private Pull openPull(GitPlatform platform, String path, long number) {
        Pull pull = state.pull(platform, state.existing(path), number).orElseThrow(() -> new IllegalArgumentException(
                "no " + platform.pullRequestName() + " " + number + " in " + path + " on " + platform.displayName()));
        if (pull.state != PullRequestState.OPEN) {
            throw new IllegalStateException(platform.pullRequestName() + " " + number + " in " + path + " is "
                    + pull.state.wireName() + " already");
        }
        return pull;
    }

    private static HostedPullRequest hosted(Pull pull) {
        return new HostedPullRequest(pull.number, pull.head, pull.base, pull.title, pull.body, pull.state,
                pull.mergeCommitSha, pull.mergedAt);
    }
}
