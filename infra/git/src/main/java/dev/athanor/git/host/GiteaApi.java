package dev.athanor.git.host;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitUser;
import io.micronaut.json.tree.JsonNode;

import java.util.List;
import java.util.Map;

import static dev.athanor.git.host.JsonFields.text;

/** Gitea's REST API ({@code <server_url>/api/v1}), always self-hosted; its shapes follow GitHub's. */
final class GiteaApi extends GithubShapedApi {

    GiteaApi(HostHttp http) {
        super(http);
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
    protected HostEndpoint endpoint(GitCredentials credentials) {
        if (HostUrls.absent(credentials.serverUrl())) {
            throw new InvalidInputException("server_url is required for gitea",
                    Map.of("server_url", List.of("is required for gitea")));
        }
        return new HostEndpoint(GitPlatform.GITEA, HostUrls.server(credentials.serverUrl()) + "/api/v1", Map.of(
                "Authorization", "token " + credentials.token(),
                "Accept", "application/json"), credentials.token());
    }
}
