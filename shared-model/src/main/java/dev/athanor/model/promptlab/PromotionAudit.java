package dev.athanor.model.promptlab;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One line of a team's promotion audit log: who did what to which project's production prompt, through which pull
 * request or commit, and when. Lines outlive the project they name.
 */
@Serdeable
public record PromotionAudit(Instant at,
                             String actor,
                             String action,
                             long projectId,
                             @Nullable String projectName,
                             @Nullable String historyKind,
                             @Nullable Long historyId,
                             @Nullable Long prNumber,
                             @Nullable String prUrl,
                             @Nullable String commitSha,
                             @Nullable String detail) {
}
