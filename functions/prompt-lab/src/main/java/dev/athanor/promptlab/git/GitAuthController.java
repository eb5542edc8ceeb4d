package dev.athanor.promptlab.git;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.promptlab.GitIdentity;
import dev.athanor.model.promptlab.GitIdentityStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** A team's Git identity, the sync of every project with its repository, and the promotion audit log. */
@Controller("/api/git")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = GitIdentityStore.class)
@Tag(name = "Git")
public class GitAuthController {

    private final GitIdentities identities;
    private final GitSync sync;
    private final PromotionAudits audits;
    private final JsonMapper json;

    GitAuthController(GitIdentities identities, GitSync sync, PromotionAudits audits, JsonMapper json) {
        this.identities = identities;
        this.sync = sync;
        this.audits = audits;
        this.json = json;
    }

    @Post("/auth")
    @Operation(summary = "Authenticate with a Git platform (GitHub, GitLab, Gitea)")
    GitAuthViews.Authenticated authenticate(Authentication authentication, HttpRequest<?> request) {
        return GitAuthViews.Authenticated.of(identities.authenticate(team(authentication),
                RequestFields.read(json, request)));
    }

    @Delete("/auth")
    @Operation(summary = "Forget the team's Git credentials")
    Map<String, Object> forget(Authentication authentication) {
        if (!identities.forget(team(authentication))) {
            throw new NotFoundException("Not authenticated with a Git platform");
        }
        return Map.of("message", "Git credentials removed");
    }

    @Get("/user")
    @Operation(summary = "The authenticated Git user")
    GitAuthViews.CurrentUser user(Authentication authentication) {
        return GitAuthViews.CurrentUser.of(identities.require(team(authentication)));
    }

    @Get("/auth-status")
    @Operation(summary = "Whether the team is authenticated and its host still accepts the token")
    GitAuthViews.AuthStatus authStatus(Authentication authentication) {
        TeamId team = team(authentication);
        GitIdentity identity = identities.find(team).orElse(null);
        if (identity == null) {
            return GitAuthViews.AuthStatus.none();
        }
        try {
            return GitAuthViews.AuthStatus.of(identities.revalidate(team, identity), true, null);
        } catch (UnauthorizedException | ForbiddenException refused) {
            return GitAuthViews.AuthStatus.of(identity, false, refused.getMessage());
        }
    }

    @Get("/quick-status")
    @Operation(summary = "Whether the team is authenticated, from stored state (the host is not called)")
    GitAuthViews.QuickStatus quickStatus(Authentication authentication) {
        return GitAuthViews.QuickStatus.of(identities.find(team(authentication)).orElse(null));
    }

    @Post("/sync-all")
    @Operation(summary = "Re-read every project's repository: production files and pull request states")
    GitSync.Summary syncAll(Authentication authentication) {
        return sync.all(team(authentication));
    }

    @Post("/webhook-secret")
    @Operation(summary = "Make a new secret for the team's Git host webhooks (shown once)")
    GitAuthViews.WebhookSecret webhookSecret(Authentication authentication) {
        TeamId team = team(authentication);
        return new GitAuthViews.WebhookSecret(identities.newWebhookSecret(team),
                GitWebhookController.PATH.replace("{team_id}", team.value()),
                "Set this secret on the repository's webhook (pull request / merge request events) pointing at "
                        + "this path on the prompt lab's URL; it is not shown again.");
    }

    @Get("/audit")
    @Operation(summary = "The team's promotion audit log, newest first, a page at a time")
    HttpResponse<List<PromotionAudits.AuditView>> audit(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, audits.list(team(authentication), null, Paging.request(limit, cursor)));
    }

    private static TeamId team(Authentication authentication) {
        return TeamPrincipal.of(authentication).team();
    }
}
