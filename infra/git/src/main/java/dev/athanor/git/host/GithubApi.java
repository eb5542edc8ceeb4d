package dev.athanor.git.host;

import dev.athanor.git.GitConfiguration;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitUser;
import io.micronaut.json.tree.JsonNode;

import java.util.Map;

import static dev.athanor.git.host.JsonFields.text;

/** GitHub's REST API: api.github.com, or {@code <server_url>/api/v3} for GitHub Enterprise Server. */
final class GithubApi extends GithubShapedApi {

    /** The public repository every valid token can read: reading it proves the token works. */
    static final String PROBE_REPOSITORY = "octocat/Hello-World";

    private final GitConfiguration configuration;

    GithubApi(HostHttp http, GitConfiguration configuration) {
        super(http);
        this.configuration = configuration;
    }

    /**
     * On github.com the token must read {@link #PROBE_REPOSITORY}, as the API document says; a GitHub Enterprise
     * server has no such repository, so there the account read below is the check.
     */
    @Override
    public GitUser authenticate(GitCredentials credentials) {
        HostEndpoint host = endpoint(credentials);
        if (HostUrls.absent(credentials.serverUrl())) {
            http.get(host, "/repos/" + PROBE_REPOSITORY, "repository " + PROBE_REPOSITORY);
        }
        JsonNode user = http.get(host, "/user", "account of the access token");
        String login = TokenOwner.require(GitPlatform.GITHUB, credentials.username(), text(user, "login"));
        return new GitUser(login, text(user, "name"), text(user, "email"), text(user, "avatar_url"),
                text(user, "html_url"));
    }

    @Override
    protected HostEndpoint endpoint(GitCredentials credentials) {
        String apiBase = HostUrls.absent(credentials.serverUrl())
                ? HostUrls.server(configuration.getGithubApiUrl())
                : HostUrls.server(credentials.serverUrl()) + "/api/v3";
        return new HostEndpoint(GitPlatform.GITHUB, apiBase, Map.of(
                "Authorization", "Bearer " + credentials.token(),
                "Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28"), credentials.token());
    }
}
