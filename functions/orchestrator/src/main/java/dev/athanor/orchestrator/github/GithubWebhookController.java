package dev.athanor.orchestrator.github;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.BodyLimit;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The GitHub webhook of one of the caller's team's projects: make or remake it (201, with the secret this once),
 * read it (without the secret), remove it (204).
 */
@Controller("/api/projects/{project_id}/github-webhook")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = GithubWebhooks.class)
@Tag(name = "GitHub")
public class GithubWebhookController {

    private final GithubWebhooks webhooks;

    GithubWebhookController(GithubWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Post
    @BodyLimit(1024)
    @Operation(summary = "Create or rotate the project's GitHub webhook: its payload URL and a new secret, shown "
            + "only in this answer (422 when the project has no github_repo)")
    HttpResponse<WebhookView> create(Authentication authentication, @PathVariable("project_id") String projectId,
                                     HttpRequest<?> request) {
        return HttpResponse.created(webhooks.create(TeamPrincipal.of(authentication).team(), projectId, request));
    }

    @Get
    @Operation(summary = "The project's GitHub webhook, without its secret")
    WebhookView get(Authentication authentication, @PathVariable("project_id") String projectId,
                    HttpRequest<?> request) {
        return webhooks.get(TeamPrincipal.of(authentication).team(), projectId, request);
    }

    @Delete
    @Operation(summary = "Remove the project's GitHub webhook: its deliveries are refused from then on")
    HttpResponse<Void> delete(Authentication authentication, @PathVariable("project_id") String projectId) {
        webhooks.delete(TeamPrincipal.of(authentication).team(), projectId);
        return HttpResponse.noContent();
    }
}
