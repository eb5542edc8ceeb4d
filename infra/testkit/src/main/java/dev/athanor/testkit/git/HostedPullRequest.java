package dev.athanor.testkit.git;

import dev.athanor.model.git.PullRequestState;

import java.time.Instant;

/**
 * A pull request (a merge request on GitLab) as the fake host holds it: from {@code branch} into {@code base}, with
 * the title and body it was opened with, its number in the repository and where it stands.
 */
public record HostedPullRequest(long number,
                                String branch,
                                String base,
                                String title,
                                String body,
                                PullRequestState state,
                                String mergeCommitSha,
                                Instant mergedAt) {
}
