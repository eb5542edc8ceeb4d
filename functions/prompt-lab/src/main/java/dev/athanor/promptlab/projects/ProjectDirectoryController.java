package dev.athanor.promptlab.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import dev.athanor.model.promptlab.PromptTestSettingsStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * Read-only overviews of the team's projects: {@code /api/projects-models} for outside systems discovering what
 * they can fetch from {@code /prompt/...}, and {@code /api/debug/projects} with what is stored for each project.
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
    @Operation(summary = "Every project with its model, for systems fetching prompts from /prompt")
    ProjectsModels projectsModels(Authentication authentication) {
        return new ProjectsModels(projects.list(TeamPrincipal.of(authentication).team()).stream()
                .map(p -> new ProjectModel(p.id(), p.name(), p.providerId(), p.llamastackUrl(), p.gitRepoUrl()))
                .toList());
    }

    @Get("/debug/projects")
    @Tag(name = "Health")
    @Operation(summary = "What is stored for each project, for debugging")
    DebugProjects debug(Authentication authentication) {
        TeamId team = TeamPrincipal.of(authentication).team();
        List<DebugProject> listed = projects.list(team).stream().map(p -> {
            List<PromptHistoryEntry> prompts = history.list(team, Kind.PROMPT, p.id());
            List<PromptHistoryEntry> backend = history.list(team, Kind.BACKEND, p.id());
            return new DebugProject(p.id(), p.name(), p.providerId(), prompts.size(),
                    prompts.stream().filter(PromptHistoryEntry::marked).count(), backend.size(),
                    backend.stream().filter(PromptHistoryEntry::marked).count(),
                    settings.find(team, p.id()).isPresent());
        }).toList();
        return new DebugProjects(team.value(), listed.size(), listed);
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
                         @JsonProperty("total_projects") int totalProjects,
                         List<DebugProject> projects) {
    }

    @Serdeable
    record DebugProject(long id, String name, @JsonProperty("provider_id") String providerId,
                        @JsonProperty("history_count") int historyCount,
                        @JsonProperty("prod_count") long prodCount,
                        @JsonProperty("backend_history_count") int backendHistoryCount,
                        @JsonProperty("backend_test_count") long backendTestCount,
                        @JsonProperty("has_test_settings") boolean hasTestSettings) {
    }
}
