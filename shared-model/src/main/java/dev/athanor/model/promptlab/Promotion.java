package dev.athanor.model.promptlab;

import dev.athanor.model.git.PullRequestState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A pull request the prompt lab opened on a project's repository: promoting a history entry to production
 * ({@link Kind#PROMPT} or {@link Kind#BACKEND}), or proposing the project's folder ({@link Kind#PROJECT}, on create
 * or rename). {@code checkedAt} is when its state was last read from the host (null: read it at the next look).
 */
@Serdeable
public record Promotion(String id,
                        long projectId,
                        Kind kind,
                        @Nullable Long historyId,
                        String repoUrl,
                        String branch,
                        String targetBranch,
                        long prNumber,
                        String prUrl,
                        String title,
                        String commitSha,
                        PullRequestState state,
                        String createdBy,
                        Instant createdAt,
                        @Nullable Instant checkedAt,
                        @Nullable Instant mergedAt,
                        @Nullable String mergeCommitSha) {

    public enum Kind {
        PROMPT, BACKEND, PROJECT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Promotion checked(PullRequestState now, Instant at, @Nullable Instant merged, @Nullable String mergeSha) {
        return new Promotion(id, projectId, kind, historyId, repoUrl, branch, targetBranch, prNumber, prUrl, title,
                commitSha, now, createdBy, createdAt, at, merged, mergeSha);
    }

    public Promotion unchecked() {
        return new Promotion(id, projectId, kind, historyId, repoUrl, branch, targetBranch, prNumber, prUrl, title,
                commitSha, state, createdBy, createdAt, null, mergedAt, mergeCommitSha);
    }
}
