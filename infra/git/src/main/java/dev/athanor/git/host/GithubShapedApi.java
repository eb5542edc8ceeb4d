package dev.athanor.git.host;

import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.NewPullRequest;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.RepoAccess;
import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The repository and pull-request routes GitHub and Gitea share ({@code /repos/{owner}/{name}} and its
 * {@code /pulls}, in GitHub's shapes, which Gitea copies); each host says where its API is and how a token is checked.
 */
abstract class GithubShapedApi implements HostApi {

    protected final HostHttp http;

    GithubShapedApi(HostHttp http) {
        this.http = http;
    }

    /** The API's base URL and headers for these credentials. */
    protected abstract HostEndpoint endpoint(GitCredentials credentials);

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
        body.put("head", request.sourceBranch());
        body.put("base", request.targetBranch());
        body.put("title", request.title());
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
}
