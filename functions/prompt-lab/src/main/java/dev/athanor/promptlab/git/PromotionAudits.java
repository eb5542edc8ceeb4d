package dev.athanor.promptlab.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.Promotion;
import dev.athanor.model.promptlab.PromotionAudit;
import dev.athanor.model.promptlab.PromotionAuditLog;
import dev.athanor.model.promptlab.PromptProject;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The promotion audit log: every pull request opened, merged or closed, every test-settings commit and every
 * promotion the gate refused, with who and when. Who is the caller's user (or key, or token subject); a change seen
 * on the host (a merge) is recorded as {@code git-host}.
 */
@Singleton
@Requires(beans = PromotionAuditLog.class)
public class PromotionAudits {

    public static final String HOST = "git-host";

    private final PromotionAuditLog log;
    private final Clock clock;

    PromotionAudits(PromotionAuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public static String actor(TeamPrincipal principal) {
        if (principal.userId() != null) {
            return "user:" + principal.userId();
        }
        if (principal.keyId() != null) {
            return "key:" + principal.keyId();
        }
        return principal.subject();
    }

    public void promotion(TeamId team, String actor, String action, Promotion promotion, @Nullable String detail,
                          @Nullable String projectName) {
        log.append(team, new PromotionAudit(clock.instant().truncatedTo(ChronoUnit.MILLIS), actor, action,
                promotion.projectId(), projectName, promotion.kind().wireName(), promotion.historyId(),
                promotion.prNumber(), promotion.prUrl(), promotion.commitSha(), detail));
    }

    public void project(TeamId team, String actor, String action, PromptProject project, @Nullable String kind,
                        @Nullable Long historyId, @Nullable String commitSha, @Nullable String detail) {
        log.append(team, new PromotionAudit(clock.instant().truncatedTo(ChronoUnit.MILLIS), actor, action,
                project.id(), project.name(), kind, historyId, null, null, commitSha, detail));
    }

    public Page<AuditView> list(TeamId team, @Nullable Long projectId, PageRequest page) {
        return log.list(team, projectId, page).map(AuditView::of);
    }

    @Serdeable
    public record AuditView(String at,
                            String actor,
                            String action,
                            @JsonProperty("project_id") long projectId,
                            @JsonProperty("project_name") @Nullable String projectName,
                            @JsonProperty("history_kind") @Nullable String historyKind,
                            @JsonProperty("history_id") @Nullable Long historyId,
                            @JsonProperty("pr_number") @Nullable Long prNumber,
                            @JsonProperty("pr_url") @Nullable String prUrl,
                            @JsonProperty("commit_sha") @Nullable String commitSha,
                            @Nullable String detail) {

        static AuditView of(PromotionAudit line) {
            return new AuditView(line.at().toString(), line.actor(), line.action(), line.projectId(),
                    line.projectName(), line.historyKind(), line.historyId(), line.prNumber(), line.prUrl(),
                    line.commitSha(), line.detail());
        }
    }
}
