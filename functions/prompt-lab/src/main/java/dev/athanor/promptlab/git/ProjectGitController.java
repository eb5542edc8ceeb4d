package dev.athanor.promptlab.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A project's Git workflow: promotions, pull requests, the repository's histories and working copy, the gate. */
@Controller("/api/projects/{project_id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = Promotions.class)
@Tag(name = "Git")
public class ProjectGitController {

    private final PromptProjects projects;
    private final Promotions promotions;
    private final PullRequests pullRequests;
    private final GitHistoryReader reader;
    private final PromotionGate gate;
    private final PromotionAudits audits;
    private final JsonMapper json;

    ProjectGitController(PromptProjects projects, Promotions promotions, PullRequests pullRequests,
                         GitHistoryReader reader, PromotionGate gate, PromotionAudits audits, JsonMapper json) {
        this.projects = projects;
        this.promotions = promotions;
        this.pullRequests = pullRequests;
        this.reader = reader;
        this.gate = gate;
        this.audits = audits;
        this.json = json;
    }

    @Post("/history/{history_id}/tag-prod")
    @Operation(summary = "Open a pull request that makes a saved prompt the production prompt")
    Promotions.TagProd tagProd(Authentication authentication, @PathVariable("project_id") String projectId,
                               @PathVariable("history_id") String historyId, HttpRequest<?> request) {
        return promotions.tagProd(TeamPrincipal.of(authentication), projectId, Kind.PROMPT, historyId,
                RequestFields.read(json, request));
    }

    @Post("/history/{history_id}/tag-test")
    @Operation(summary = "Commit a saved prompt to Git as the test settings")
    Promotions.TagTest tagTest(Authentication authentication, @PathVariable("project_id") String projectId,
                               @PathVariable("history_id") String historyId, HttpRequest<?> request) {
        return promotions.tagTest(TeamPrincipal.of(authentication), projectId, Kind.PROMPT, historyId,
                RequestFields.read(json, request));
    }

    @Post("/backend-history/{history_id}/tag-prod")
    @Operation(summary = "Open a pull request that makes a backend test's prompt the production prompt")
    Promotions.TagProd backendTagProd(Authentication authentication, @PathVariable("project_id") String projectId,
                                      @PathVariable("history_id") String historyId, HttpRequest<?> request) {
        return promotions.tagProd(TeamPrincipal.of(authentication), projectId, Kind.BACKEND, historyId,
                RequestFields.read(json, request));
    }

    @Post("/backend-history/{history_id}/tag-test")
    @Operation(summary = "Commit a backend test's settings to Git as the test settings")
    Promotions.TagTest backendTagTest(Authentication authentication, @PathVariable("project_id") String projectId,
                                      @PathVariable("history_id") String historyId, HttpRequest<?> request) {
        return promotions.tagTest(TeamPrincipal.of(authentication), projectId, Kind.BACKEND, historyId,
                RequestFields.read(json, request));
    }

    @Get("/pending-prs")
    @Operation(summary = "The project's open pull requests, with their live status")
    List<PromotionView> pending(Authentication authentication, @PathVariable("project_id") String projectId) {
        TeamId team = team(authentication);
        return pullRequests.pending(team, projects.get(team, projectId)).stream().map(PromotionView::of).toList();
    }

    @Post("/sync-prs")
    @Operation(summary = "Read every open pull request's status from the Git host now")
    PullRequests.Synced syncPrs(Authentication authentication, @PathVariable("project_id") String projectId) {
        TeamId team = team(authentication);
        return pullRequests.sync(team, projects.get(team, projectId));
    }

    @Post("/clear-pr-cache")
    @Operation(summary = "Forget the cached pull request statuses, so the next look reads them")
    Map<String, Object> clearPrCache(Authentication authentication, @PathVariable("project_id") String projectId) {
        TeamId team = team(authentication);
        int cleared = pullRequests.clearCache(team, projects.get(team, projectId));
        return Map.of("message", "Pull request cache cleared", "cleared", cleared);
    }

    @Get("/prod-history")
    @Operation(summary = "The production prompt's versions, from the repository's commits")
    List<GitHistoryReader.ProdVersion> prodHistory(Authentication authentication,
                                                   @PathVariable("project_id") String projectId) {
        TeamId team = team(authentication);
        return reader.prodHistory(team, projects.get(team, projectId));
    }

    @Get("/git-history")
    @Operation(summary = "The project's unified Git history: commits, pull requests and tags")
    List<GitHistoryReader.HistoryItem> gitHistory(Authentication authentication,
                                                  @PathVariable("project_id") String projectId) {
        TeamId team = team(authentication);
        return reader.gitHistory(team, projects.get(team, projectId));
    }

    @Get("/git-changes")
    @Operation(summary = "Changes in the project's folder of the working copy")
    GitHistoryReader.Changes gitChanges(Authentication authentication,
                                        @PathVariable("project_id") String projectId) {
        TeamId team = team(authentication);
        return reader.changes(team, projects.get(team, projectId));
    }

    @Post("/git/test-access")
    @Operation(summary = "Whether the team's Git token can read and push to the project's repository")
    GitHistoryReader.Access testAccess(Authentication authentication, @PathVariable("project_id") String projectId) {
        TeamId team = team(authentication);
        return reader.access(team, projects.get(team, projectId));
    }

    @Get("/git/gate")
    @Operation(summary = "The project's evaluation gate for promotions")
    GateView getGate(Authentication authentication, @PathVariable("project_id") String projectId) {
        TeamId team = team(authentication);
        return gateView(team, projects.get(team, projectId));
    }

    @Put("/git/gate")
    @Operation(summary = "Set (or, with null, remove) the overall evaluation score a promotion needs")
    GateView putGate(Authentication authentication, @PathVariable("project_id") String projectId,
                     HttpRequest<?> request) {
        TeamId team = team(authentication);
        PromptProject project = projects.get(team, projectId);
        RequestFields fields = RequestFields.read(json, request);
        Double minimum = fields.number("min_overall_score");
        if (!fields.has("min_overall_score")) {
            fields.error("min_overall_score", "is required (a score from 1 to 10, or null to remove the gate)");
        } else if (minimum != null && (minimum < 1 || minimum > 10 || minimum.isNaN())) {
            fields.error("min_overall_score", "must be from 1 to 10");
        }
        fields.check("gate");
        gate.set(team, project, minimum);
        return gateView(team, project);
    }

    @Get("/git/audit")
    @Operation(summary = "The project's promotion audit log, newest first, a page at a time")
    HttpResponse<List<PromotionAudits.AuditView>> audit(Authentication authentication,
            @PathVariable("project_id") String projectId, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        TeamId team = team(authentication);
        PromptProject project = projects.get(team, projectId);
        return Paging.ok(request, audits.list(team, project.id(), Paging.request(limit, cursor)));
    }

    private GateView gateView(TeamId team, PromptProject project) {
        Optional<Double> minimum = gate.minimum(team, project);
        Optional<Evaluation> latest = gate.latestScored(team, project);
        Double score = latest.map(e -> e.aggregates().overall()).orElse(null);
        return new GateView(project.id(), minimum.orElse(null), latest.map(Evaluation::id).orElse(null), score,
                minimum.isEmpty() || score != null && score >= minimum.get());
    }

    private static TeamId team(Authentication authentication) {
        return TeamPrincipal.of(authentication).team();
    }

    @Serdeable
    record GateView(@JsonProperty("project_id") long projectId,
                    @JsonProperty("min_overall_score") @Nullable Double minOverallScore,
                    @JsonProperty("latest_eval_id") @Nullable String latestEvalId,
                    @JsonProperty("latest_overall_score") @Nullable Double latestOverallScore,
                    boolean passes) {
    }
}
