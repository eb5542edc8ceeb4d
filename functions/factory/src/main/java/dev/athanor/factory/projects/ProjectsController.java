package dev.athanor.factory.projects;

import dev.athanor.core.auth.TeamPrincipal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The caller's team's project initiatives: list, create (201; 409 when the slug is taken), read, upsert (201 when
 * created, 200 when replaced) and delete.
 */
@Controller("/api/projects")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ProjectsController {

    private final ProjectService projects;

    ProjectsController(ProjectService projects) {
        this.projects = projects;
    }

    @Get
    List<ProjectView> list(Authentication authentication) {
        return projects.list(TeamPrincipal.of(authentication).team()).stream().map(ProjectView::of).toList();
    }

    @Post
    HttpResponse<ProjectView> create(Authentication authentication, @Nullable @Body ProjectRequest request) {
        return HttpResponse.created(ProjectView.of(
                projects.create(TeamPrincipal.of(authentication).team(), ProjectRequest.draft(request))));
    }

    @Get("/{slug}")
    ProjectView get(Authentication authentication, String slug) {
        return ProjectView.of(projects.get(TeamPrincipal.of(authentication).team(), slug));
    }

    @Put("/{slug}")
    HttpResponse<ProjectView> put(Authentication authentication, String slug, @Nullable @Body ProjectRequest request) {
        ProjectService.Upserted saved = projects.put(TeamPrincipal.of(authentication).team(), slug,
                ProjectRequest.draft(request));
        return HttpResponse.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ProjectView.of(saved.project()));
    }

    @Delete("/{slug}")
    Deleted delete(Authentication authentication, String slug) {
        projects.delete(TeamPrincipal.of(authentication).team(), slug);
        return new Deleted("deleted", slug);
    }

    @Serdeable
    record Deleted(String status, String slug) {
    }
}
