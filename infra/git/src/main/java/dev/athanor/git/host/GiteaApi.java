package dev.athanor.git.host;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.GitUser;
import dev.athanor.model.git.NewPullRequest;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.RepoAccess;
import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.athanor.git.host.JsonFields.text;

/** Gitea's REST API ({@code <server_url>/api/v1}), always self-hosted; its shapes follow GitHub's. */
final class GiteaApi implements HostApi {

    private final HostHttp http;

    GiteaApi(HostHttp http) {
        this.http = http;
    }

    /** Gitea has no public repository to probe: the token is checked by asking whose it is. */
    @Override
    public GitUser authenticate(GitCredentials credentials) {
        HostEndpoint host = endpoint(credentials);
        JsonNode user = http.get(host, "/user", "account of the access token");
        String login = TokenOwner.require(GitPlatform.GITEA, credentials.username(), text(user, "login"));
        // older releases have no html_url on users; the profile is the login under the server's root
        String profile = text(user, "html_url") != null
                ? text(user, "html_url") : HostUrls.server(credentials.serverUrl()) + "/" + login;
        return new GitUser(login, text(user, "full_name"), text(user, "email"), text(user, "avatar_url"), profile);
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

    private static HostEndpoint endpoint(GitCredentials credentials) {
        if (HostUrls.absent(credentials.serverUrl())) {
            throw new InvalidInputException("server_url is required for gitea",
                    Map.of("server_url", List.of("is required for gitea")));
        }
        return new HostEndpoint(GitPlatform.GITEA, HostUrls.server(credentials.serverUrl()) + "/api/v1", Map.of(
                "Authorization", "token " + credentials.token(),
                "Accept", "application/json"), credentials.token());
    }
}
