package dev.athanor.git.host;

import dev.athanor.git.GitConfiguration;
import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.git.GitUser;
import dev.athanor.model.git.NewPullRequest;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.PullRequestState;
import dev.athanor.model.git.RepoAccess;
import io.micronaut.json.tree.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.athanor.git.host.JsonFields.instant;
import static dev.athanor.git.host.JsonFields.number;
import static dev.athanor.git.host.JsonFields.text;

/** GitLab's REST API (v4), on gitlab.com or a self-hosted server; pull requests are merge requests there. */
final class GitlabApi implements HostApi {

    /** The public project every valid token can read: reading it proves the token works. */
    static final String PROBE_PROJECT = "gitlab-org/gitlab";

    /** Developer: the least role that may push to unprotected branches. */
    static final long DEVELOPER = 30;

    private final HostHttp http;
    private final GitConfiguration configuration;

    GitlabApi(HostHttp http, GitConfiguration configuration) {
        this.http = http;
        this.configuration = configuration;
    }

    @Override
    public GitUser authenticate(GitCredentials credentials) {
        HostEndpoint host = endpoint(credentials);
        http.get(host, "/projects/" + HostUrls.projectId(PROBE_PROJECT), "repository " + PROBE_PROJECT);
        JsonNode user = http.get(host, "/user", "account of the access token");
        String login = TokenOwner.require(GitPlatform.GITLAB, credentials.username(), text(user, "username"));
        String email = text(user, "public_email") != null ? text(user, "public_email") : text(user, "email");
        return new GitUser(login, text(user, "name"), email, text(user, "avatar_url"), text(user, "web_url"));
    }

    /** The token's role is the higher of its project membership and its group membership. */
    @Override
    public RepoAccess access(GitCredentials credentials, GitRepo repo) {
        return http.find(endpoint(credentials), "/projects/" + HostUrls.projectId(repo.path()),
                        "repository " + repo.path())
                .map(project -> {
                    long level = Math.max(number(project, "permissions", "project_access", "access_level"),
                            number(project, "permissions", "group_access", "access_level"));
                    return new RepoAccess(true, level >= DEVELOPER, text(project, "default_branch"));
                })
                .orElse(new RepoAccess(false, false, null));
    }

    @Override
    public PullRequest open(GitCredentials credentials, GitRepo repo, NewPullRequest request) {
        HostEndpoint host = endpoint(credentials);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("source_branch", request.sourceBranch());
        body.put("target_branch", request.targetBranch());
        body.put("title", request.title());
        body.put("description", request.body());
        JsonNode merge = http.post(host, "/projects/" + HostUrls.projectId(repo.path()) + "/merge_requests", body,
                "repository " + repo.path());
        return mergeRequest(host, merge);
    }

    @Override
    public PullRequest find(GitCredentials credentials, GitRepo repo, long number) {
        HostEndpoint host = endpoint(credentials);
        JsonNode merge = http.get(host,
                "/projects/" + HostUrls.projectId(repo.path()) + "/merge_requests/" + number,
                "merge request !" + number + " in " + repo.path());
        return mergeRequest(host, merge);
    }

    /**
     * A merge request by its project-local {@code iid}. {@code locked} is an open request while GitLab merges it;
     * a squashed merge names its commit in {@code squash_commit_sha}.
     */
    private static PullRequest mergeRequest(HostEndpoint host, JsonNode merge) {
        long iid = number(merge, "iid");
        String url = text(merge, "web_url");
        if (iid < 0 || url == null) {
            throw new UpstreamException("GitLab answered with a merge request without iid or web_url");
        }
        PullRequestState state = switch (String.valueOf(text(merge, "state"))) {
            case "merged" -> PullRequestState.MERGED;
            case "closed" -> PullRequestState.CLOSED;
            default -> PullRequestState.OPEN;
        };
        String mergeCommit = null;
        Instant mergedAt = null;
        if (state == PullRequestState.MERGED) {
            mergeCommit = text(merge, "merge_commit_sha") != null
                    ? text(merge, "merge_commit_sha") : text(merge, "squash_commit_sha");
            mergedAt = instant(merge, "merged_at");
        }
        return new PullRequest(iid, url, state, text(merge, "source_branch"), text(merge, "target_branch"),
                text(merge, "title"), mergeCommit, mergedAt);
    }

    private HostEndpoint endpoint(GitCredentials credentials) {
        String server = HostUrls.server(HostUrls.absent(credentials.serverUrl())
                ? configuration.getGitlabUrl() : credentials.serverUrl());
        return new HostEndpoint(GitPlatform.GITLAB, server + "/api/v4", Map.of(
                "PRIVATE-TOKEN", credentials.token(),
                "Accept", "application/json"), credentials.token());
    }
}
