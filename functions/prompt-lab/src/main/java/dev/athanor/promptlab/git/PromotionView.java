package dev.athanor.promptlab.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.promptlab.Promotion;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A pull request the prompt lab opened, as {@code pending-prs} and {@code sync-prs} list it (snake_case). */
@Serdeable
public record PromotionView(@JsonProperty("pr_number") long prNumber,
                            @JsonProperty("pr_url") String prUrl,
                            String status,
                            String title,
                            String branch,
                            @JsonProperty("target_branch") String targetBranch,
                            @JsonProperty("history_kind") String historyKind,
                            @JsonProperty("history_id") @Nullable Long historyId,
                            @JsonProperty("commit_sha") String commitSha,
                            @JsonProperty("created_by") String createdBy,
                            @JsonProperty("created_at") String createdAt,
                            @JsonProperty("checked_at") @Nullable String checkedAt,
                            @JsonProperty("merged_at") @Nullable String mergedAt,
                            @JsonProperty("merge_commit_sha") @Nullable String mergeCommitSha) {

    static PromotionView of(Promotion p) {
        return new PromotionView(p.prNumber(), p.prUrl(), p.state().wireName(), p.title(), p.branch(),
                p.targetBranch(), p.kind().wireName(), p.historyId(), p.commitSha(), p.createdBy(),
                p.createdAt().toString(), text(p.checkedAt()), text(p.mergedAt()), p.mergeCommitSha());
    }

    private static String text(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }
}
