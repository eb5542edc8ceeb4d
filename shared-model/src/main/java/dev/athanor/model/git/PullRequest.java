package dev.athanor.model.git;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** A pull request (a merge request on GitLab) as its host reports it. */
public record PullRequest(long number,
                          String url,
                          PullRequestState state,
                          String sourceBranch,
                          String targetBranch,
                          String title,
                          @Nullable String mergeCommitSha,
                          @Nullable Instant mergedAt) {
}
