package dev.athanor.orchestrator.projects;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.BodyLimit;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.OrchestratorProject;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * The caller's team's projects (at most three, in the slots Projekt-A to Projekt-C): list, create (201; 409 when
 * every slot is taken), read, update, update the configuration, delete (with the project's tasks).
 */
@Controller("/api/projects")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = OrchestratorProjects.class)
@Tag(name = "Projects")
public class ProjectsController {

    /** A project with a generous free-form configuration fits well within a storage item's limit. */
    static final int BODY_LIMIT = 64 * 1024;

    private final OrchestratorProjects projects;
    private final JsonMapper json;

    ProjectsController(OrchestratorProjects projects, JsonMapper json) {
        this.projects = projects;
        this.json = json;
    }

    @Get
    @Operation(summary = "List the team's projects, in slot order")
    List<ProjectView> list(Authentication authentication) {
        return projects.list(team(authentication));
    }

    @Post
    @BodyLimit(BODY_LIMIT)
    @Operation(summary = "Create a project in the first free slot (at most 3: Projekt-A, Projekt-B, Projekt-C)")
    HttpResponse<ProjectView> create(Authentication authentication, HttpRequest<?> request) {
        return HttpResponse.created(projects.create(team(authentication), RequestFields.read(json, request)));
    }

    @Get("/{project_id}")
    @Operation(summary = "Get a project")
    ProjectView get(Authentication authentication, @PathVariable("project_id") String projectId) {
        return projects.get(team(authentication), projectId);
    }

    @Put("/{project_id}")
    @BodyLimit(BODY_LIMIT)
    @Operation(summary = "Update a project's given fields; configuration parts given are merged")
    ProjectView update(Authentication authentication, @PathVariable("project_id") String projectId,
                       HttpRequest<?> request) {
        return projects.update(team(authentication), projectId, RequestFields.read(json, request));
    }

    @Put("/{project_id}/config")
    @BodyLimit(BODY_LIMIT)
    @Operation(summary = "Merge the given configuration parts into a project's configuration")
    ProjectView updateConfig(Authentication authentication, @PathVariable("project_id") String projectId,
                             HttpRequest<?> request) {
        return projects.updateConfig(team(authentication), projectId, RequestFields.read(json, request));
    }

    @Delete("/{project_id}")
    @Operation(summary = "Delete a project and its tasks, freeing its slot")
    Deleted delete(Authentication authentication, @PathVariable("project_id") String projectId) {
        OrchestratorProject deleted = projects.delete(team(authentication), projectId);
        return new Deleted("Project deleted successfully", deleted.id(), deleted.slot().label());
    }

    private static TeamId team(Authentication authentication) {
        return TeamPrincipal.of(authentication).team();
    }

    /** @param slot the slot the delete freed */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Deleted(String message, String id, String slot) {
    }
}
