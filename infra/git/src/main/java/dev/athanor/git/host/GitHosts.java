package dev.athanor.git.host;

import dev.athanor.git.GitConfiguration;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitHostApi;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.GitUser;
import dev.athanor.model.git.NewPullRequest;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.RepoAccess;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The Git hosts' REST APIs behind one port: each call goes to the API of the credentials' platform. */
@Singleton
public class GitHosts implements GitHostApi {

    private final Map<GitPlatform, HostApi> hosts = new EnumMap<>(GitPlatform.class);

    public GitHosts(GitConfiguration configuration, JsonMapper json, Clock clock) {
        HostHttp http = new HostHttp(configuration.getTimeout(), json, clock);
        hosts.put(GitPlatform.GITHUB, new GithubApi(http, configuration));
        hosts.put(GitPlatform.GITLAB, new GitlabApi(http, configuration));
        hosts.put(GitPlatform.GITEA, new GiteaApi(http));
    }

    @Override
    public GitUser authenticate(GitCredentials credentials) {
        return host(credentials).authenticate(credentials);
    }

    @Override
    public RepoAccess access(GitCredentials credentials, GitRepo repo) {
        return host(credentials).access(credentials, repo);
    }

    @Override
    public PullRequest open(GitCredentials credentials, GitRepo repo, NewPullRequest request) {
        return host(credentials).open(credentials, repo, request);
    }

    @Override
    public PullRequest find(GitCredentials credentials, GitRepo repo, long number) {
        return host(credentials).find(credentials, repo, number);
    }

    private HostApi host(GitCredentials credentials) {
        if (credentials.platform() == null) {
            throw new InvalidInputException("platform is required", Map.of("platform", List.of("is required")));
        }
        if (credentials.token() == null || credentials.token().isBlank()) {
            throw new InvalidInputException("access_token is required",
                    Map.of("access_token", List.of("is required")));
        }
        return hosts.get(credentials.platform());
    }
}
