package dev.athanor.promptlab.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.Paging;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import dev.athanor.model.promptlab.PromptTestSettingsStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
 * Read-only overviews of the team's projects, a page of projects at a time: {@code /api/projects-models} for outside
 * systems discovering what they can fetch from {@code /prompt/...}, and {@code /api/debug/projects} with what is
 * stored for each project.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = {PromptProjects.class, PromptHistoryStore.class, PromptTestSettingsStore.class})
public class ProjectDirectoryController {

    private final PromptProjects projects;
    private final PromptHistoryStore history;
    private final PromptTestSettingsStore settings;

    ProjectDirectoryController(PromptProjects projects, PromptHistoryStore history,
                               PromptTestSettingsStore settings) {
        this.projects = projects;
        this.history = history;
        this.settings = settings;
    }

    @Get("/projects-models")
    @Tag(name = "External API")
    @Operation(summary = "The projects with their models, by id, a page at a time, for systems fetching prompts")
    HttpResponse<ProjectsModels> projectsModels(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        Page<ProjectModel> page = projects.list(TeamPrincipal.of(authentication).team(),
                        Paging.request(limit, cursor))
                .map(p -> new ProjectModel(p.id(), p.name(), p.providerId(), p.llamastackUrl(), p.gitRepoUrl()));
        return Paging.withNext(HttpResponse.ok(new ProjectsModels(page.items())), request, page.next());
    }

    /** A page of projects with what is stored for each (entries are counted, never read); the total of them all. */
    @Get("/debug/projects")
    @Tag(name = "Health")
    @Operation(summary = "What is stored for each project, a page at a time, for debugging")
    HttpResponse<DebugProjects> debug(Authentication authentication, HttpRequest<?> request,
            @Parameter(description = Paging.LIMIT_TEXT) @Nullable @QueryValue String limit,
            @Parameter(description = Paging.CURSOR_TEXT) @Nullable @QueryValue String cursor) {
        TeamId team = TeamPrincipal.of(authentication).team();
        Page<DebugProject> page = projects.list(team, Paging.request(limit, cursor)).map(p -> new DebugProject(
                p.id(), p.name(), p.providerId(), history.count(team, Kind.PROMPT, p.id(), false),
                history.count(team, Kind.PROMPT, p.id(), true), history.count(team, Kind.BACKEND, p.id(), false),
                history.count(team, Kind.BACKEND, p.id(), true), settings.find(team, p.id()).isPresent()));
        return Paging.withNext(HttpResponse.ok(new DebugProjects(team.value(), projects.count(team), page.items())),
                request, page.next());
    }

    @Serdeable
    record ProjectsModels(List<ProjectModel> projects) {
    }

    @Serdeable
    record ProjectModel(long id, String name, @JsonProperty("provider_id") String providerId,
                        @JsonProperty("llamastack_url") String llamastackUrl,
                        @JsonProperty("git_repo_url") String gitRepoUrl) {
    }

    @Serdeable
    record DebugProjects(@JsonProperty("team_id") String teamId,
                         @JsonProperty("total_projects") long totalProjects,
                         List<DebugProject> projects) {
    }

    @Serdeable
    record DebugProject(long id, String name, @JsonProperty("provider_id") String providerId,
                        @JsonProperty("history_count") long historyCount,
                        @JsonProperty("prod_count") long prodCount,
                        @JsonProperty("backend_history_count") long backendHistoryCount,
                        @JsonProperty("backend_test_count") long backendTestCount,
                        @JsonProperty("has_test_settings") boolean hasTestSettings) {
    }
}
