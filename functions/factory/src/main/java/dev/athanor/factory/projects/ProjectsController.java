package dev.athanor.factory.projects;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * The caller's team's project initiatives: list (in slug order, a page at a time), create (201; 409 when the slug
 * is taken), read, upsert (201 when created, 200 when replaced) and delete.
 */
@Requires(beans = ProjectService.class)
@Controller("/api/projects")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Projects")
public class ProjectsController {

    private final ProjectService projects;

    ProjectsController(ProjectService projects) {
        this.projects = projects;
    }

    @Get
    @Operation(summary = "List the team's projects, in slug order, a page at a time")
    HttpResponse<List<ProjectView>> list(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, projects.list(TeamPrincipal.of(authentication).team(), Paging.request(limit, cursor))
                .map(ProjectView::of));
    }

    @Post
    @Operation(summary = "Create a project")
    HttpResponse<ProjectView> create(Authentication authentication, @Nullable @Body ProjectRequest request) {
        return HttpResponse.created(ProjectView.of(
                projects.create(TeamPrincipal.of(authentication).team(), ProjectRequest.draft(request))));
    }

    @Get("/{slug}")
    @Operation(summary = "Get a project")
    ProjectView get(Authentication authentication, String slug) {
        return ProjectView.of(projects.get(TeamPrincipal.of(authentication).team(), slug));
    }

    @Put("/{slug}")
    @Operation(summary = "Create or replace a project")
    HttpResponse<ProjectView> put(Authentication authentication, String slug, @Nullable @Body ProjectRequest request) {
        ProjectService.Upserted saved = projects.put(TeamPrincipal.of(authentication).team(), slug,
                ProjectRequest.draft(request));
        return HttpResponse.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ProjectView.of(saved.project()));
    }

    @Delete("/{slug}")
    @Operation(summary = "Delete a project")
    Deleted delete(Authentication authentication, String slug) {
        projects.delete(TeamPrincipal.of(authentication).team(), slug);
        return new Deleted("deleted", slug);
    }

    @Serdeable
    record Deleted(String status, String slug) {
    }
}
