package dev.athanor.git.host;

import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.PullRequestState;
import dev.athanor.model.git.RepoAccess;
import io.micronaut.json.tree.JsonNode;

import java.time.Instant;

import static dev.athanor.git.host.JsonFields.flag;
import static dev.athanor.git.host.JsonFields.instant;
import static dev.athanor.git.host.JsonFields.number;
import static dev.athanor.git.host.JsonFields.text;

/** The repository and pull-request objects of GitHub's API, which Gitea's API copies field for field. */
final class GithubShapes {

    private GithubShapes() {
    }

    /** A repository the token can see; {@code permissions} says whether it may push (admin and maintain may). */
    static RepoAccess access(JsonNode repository) {
        boolean push = flag(repository, "permissions", "push") || flag(repository, "permissions", "admin")
                || flag(repository, "permissions", "maintain");
        return new RepoAccess(true, push, text(repository, "default_branch"));
    }

    /**
     * A pull request: {@code state} is open or closed, and a closed one was merged when {@code merged} is true or
     * {@code merged_at} is set. GitHub's {@code merge_commit_sha} names a trial merge while the request is open, so
     * it is reported only once merged.
     */
    static PullRequest pullRequest(HostEndpoint host, JsonNode pull) {
        long number = number(pull, "number");
        String url = text(pull, "html_url");
        if (number < 0 || url == null) {
            throw new UpstreamException(host.hostName() + " answered with a pull request without number or html_url");
        }
        Instant mergedAt = instant(pull, "merged_at");
        PullRequestState state;
        if (flag(pull, "merged") || mergedAt != null) {
            state = PullRequestState.MERGED;
        } else if ("closed".equals(text(pull, "state"))) {
            state = PullRequestState.CLOSED;
        } else {
            state = PullRequestState.OPEN;
        }
        String mergeCommit = state == PullRequestState.MERGED ? text(pull, "merge_commit_sha") : null;
        return new PullRequest(number, url, state, text(pull, "head", "ref"), text(pull, "base", "ref"),
                text(pull, "title"), mergeCommit, mergedAt);
    }
}
