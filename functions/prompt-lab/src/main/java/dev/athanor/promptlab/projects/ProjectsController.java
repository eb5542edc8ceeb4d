package dev.athanor.promptlab.projects;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.core.http.RequestFields;
import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.PromptProject;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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

/**
 * The caller's team's projects: list (by id, a page at a time), create (201; 409 when the name is taken), read,
 * update (only the fields given), and delete with everything stored for the project. A URL given must pass the
 * SSRF guard (422 otherwise). {@link ProjectListener}s hear of every create and update.
 */
@Controller("/api/projects")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = PromptProjects.class)
@Tag(name = "Projects")
public class ProjectsController {

    private final PromptProjects projects;
    private final JsonMapper json;
    private final OutboundUrlGuard urls;
    private final List<ProjectListener> listeners;

    ProjectsController(PromptProjects projects, JsonMapper json, OutboundUrlGuard urls,
                       List<ProjectListener> listeners) {
        this.projects = projects;
        this.json = json;
        this.urls = urls;
        this.listeners = listeners;
    }

    @Get
    @Operation(summary = "List the team's projects, by id, a page at a time")
    HttpResponse<List<ProjectView>> list(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        return Paging.ok(request, projects.list(team(authentication), Paging.request(limit, cursor))
                .map(ProjectView::of));
    }

    @Post
    @Operation(summary = "Create a project")
    HttpResponse<ProjectView> create(Authentication authentication, HttpRequest<?> request) {
        var draft = ProjectInput.draft(RequestFields.read(json, request), null, urls);
        TeamPrincipal principal = TeamPrincipal.of(authentication);
        PromptProject created = projects.create(principal.team(), draft);
        listeners.forEach(listener -> listener.saved(principal, null, created));
        return HttpResponse.created(ProjectView.of(created));
    }

    @Get("/{project_id}")
    @Operation(summary = "Get a project")
    ProjectView get(Authentication authentication, @PathVariable("project_id") String projectId) {
        return ProjectView.of(projects.get(team(authentication), projectId));
    }

    @Put("/{project_id}")
    @Operation(summary = "Update a project's given fields")
    ProjectView update(Authentication authentication, @PathVariable("project_id") String projectId,
                       HttpRequest<?> request) {
        TeamPrincipal principal = TeamPrincipal.of(authentication);
        PromptProject current = projects.get(principal.team(), projectId);
        var draft = ProjectInput.draft(RequestFields.read(json, request), current, urls);
        PromptProject updated = projects.update(principal.team(), current.id(), draft);
        listeners.forEach(listener -> listener.saved(principal, current, updated));
        return ProjectView.of(updated);
    }

    @Delete("/{project_id}")
    @Operation(summary = "Delete a project and everything stored for it")
    Deleted delete(Authentication authentication, @PathVariable("project_id") String projectId) {
        TeamId team = team(authentication);
        projects.delete(team, projects.get(team, projectId).id());
        return new Deleted("Project deleted successfully");
    }

    private static TeamId team(Authentication authentication) {
        return TeamPrincipal.of(authentication).team();
    }

    @Serdeable
    record Deleted(String message) {
    }
}
