package dev.athanor.git.host;

import dev.athanor.git.GitConfiguration;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.GitUser;
import dev.athanor.model.git.NewPullRequest;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.RepoAccess;
import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.athanor.git.host.JsonFields.text;

/** GitHub's REST API: api.github.com, or {@code <server_url>/api/v3} for GitHub Enterprise Server. */
final class GithubApi implements HostApi {

    /** The public repository every valid token can read: reading it proves the token works. */
    static final String PROBE_REPOSITORY = "octocat/Hello-World";

    private final HostHttp http;
    private final GitConfiguration configuration;

    GithubApi(HostHttp http, GitConfiguration configuration) {
        this.http = http;
        this.configuration = configuration;
    }

    @Override
    public GitUser authenticate(GitCredentials credentials) {
        HostEndpoint host = endpoint(credentials);
        http.get(host, "/repos/" + PROBE_REPOSITORY, "repository " + PROBE_REPOSITORY);
        JsonNode user = http.get(host, "/user", "account of the access token");
        String login = TokenOwner.require(GitPlatform.GITHUB, credentials.username(), text(user, "login"));
        return new GitUser(login, text(user, "name"), text(user, "email"), text(user, "avatar_url"),
                text(user, "html_url"));
    }

    @Override
    public RepoAccess access(GitCredentials credentials, GitRepo repo) {
        return http.find(endpoint(credentials), "/repos/" + HostUrls.segments(repo.path()), "repository " + repo.path())
                .map(GithubShapes::access)
                .orElse(new RepoAccess(false, false, null));
    }

    @Override
    public PullRequest open(GitCredentials credentials, GitRepo repo, NewPullRequest request) {
        HostEndpoint host = endpoint(credentials);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("title", request.title());
        body.put("head", request.sourceBranch());
        body.put("base", request.targetBranch());
        body.put("body", request.body());
        JsonNode pull = http.post(host, "/repos/" + HostUrls.segments(repo.path()) + "/pulls", body,
                "repository " + repo.path());
        return GithubShapes.pullRequest(host, pull);
    }

    @Override
    public PullRequest find(GitCredentials credentials, GitRepo repo, long number) {
        HostEndpoint host = endpoint(credentials);
        JsonNode pull = http.get(host, "/repos/" + HostUrls.segments(repo.path()) + "/pulls/" + number,
                "pull request #" + number + " in " + repo.path());
        return GithubShapes.pullRequest(host, pull);
    }

    private HostEndpoint endpoint(GitCredentials credentials) {
        String apiBase = HostUrls.absent(credentials.serverUrl())
                ? HostUrls.server(configuration.getGithubApiUrl())
                : HostUrls.server(credentials.serverUrl()) + "/api/v3";
        return new HostEndpoint(GitPlatform.GITHUB, apiBase, Map.of(
                "Authorization", "Bearer " + credentials.token(),
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28"), credentials.token());
    }
}
