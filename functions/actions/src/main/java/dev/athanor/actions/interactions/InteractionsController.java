package dev.athanor.actions.interactions;

import dev.athanor.actions.actions.InteractionView;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.model.actions.InteractionStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Every model interaction the team had on this surface: runs, tests and content helpers, newest first. */
@Controller("/api/v1/llm/interactions")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Interaction Tracking")
public class InteractionsController {

    private final InteractionStore interactions;

    InteractionsController(InteractionStore interactions) {
        this.interactions = interactions;
    }

    @Get
    @Operation(summary = "List the team's interactions, newest first, a page at a time")
    HttpResponse<List<InteractionView>> list(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = "Only this kind: action, test, generate-idea, expand-section, optimize-seo, "
                    + "generate-social") @Nullable @QueryValue String kind,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, interactions.list(TeamPrincipal.of(authentication).team(),
                kind == null || kind.isBlank() ? null : kind.strip(), Paging.request(limit, cursor))
                .map(InteractionView::of));
    }
}
