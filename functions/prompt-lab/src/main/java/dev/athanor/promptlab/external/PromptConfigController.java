package dev.athanor.promptlab.external;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.git.ProdFiles;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Optional;

/**
 * The production prompt API: the latest prompt of a project named by its name and model, and its production prompt.
 * A project whose model is not {@code provider_id} is not found, as in the seed. The production prompt of a project
 * with a repository (of a team with a Git identity) is the production file on the default branch; without one in
 * Git, it is the newest history entry marked {@code is_prod}. {@code is_prod} tells which: true only for the file
 * from Git, the reviewed one ({@code source} says the same in words).
 */
@Controller("/prompt/{project_name}/{provider_id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = {PromptProjects.class, PromptHistoryStore.class})
@Tag(name = "External API")
public class PromptConfigController {

    private final PromptProjects projects;
    private final PromptHistoryStore history;
    private final ProdFiles prodFiles;

    PromptConfigController(PromptProjects projects, PromptHistoryStore history, ProdFiles prodFiles) {
        this.projects = projects;
        this.history = history;
        this.prodFiles = prodFiles;
    }

    @Get
    @Operation(summary = "The latest prompt configuration of a project")
    PromptConfigView latest(Authentication authentication, @PathVariable("project_name") String projectName,
                            @PathVariable("provider_id") String providerId) {
        PromptHistoryEntry entry = newest(TeamPrincipal.of(authentication).team(),
                projects.byNameAndProvider(TeamPrincipal.of(authentication).team(), projectName, providerId), false,
                "No prompt history found for this project");
        return PromptConfigView.of(entry, entry.marked());
    }

    @Get("/prod")
    @Operation(summary = "The production prompt configuration of a project")
    PromptConfigView production(Authentication authentication, @PathVariable("project_name") String projectName,
                                @PathVariable("provider_id") String providerId) {
        TeamId team = TeamPrincipal.of(authentication).team();
        PromptProject project = projects.byNameAndProvider(team, projectName, providerId);
        Optional<ProdFiles.GitProd> fromGit = prodFiles.production(team, project);
        if (fromGit.isPresent()) {
            return PromptConfigView.of(fromGit.get().prompt(), true, "git", fromGit.get().commitSha());
        }
        return PromptConfigView.of(newest(team, project, true, "No production prompt found for this project"), false);
    }

    /** The newest prompt entry (marked {@code is_prod}, with {@code production}), read alone. */
    private PromptHistoryEntry newest(TeamId team, PromptProject project, boolean production, String none) {
        Optional<PromptHistoryEntry> newest = production
                ? history.newestMarked(team, PromptHistoryStore.Kind.PROMPT, project.id())
                : history.list(team, PromptHistoryStore.Kind.PROMPT, project.id(), PageRequest.first(1)).items()
                .stream().findFirst();
        return newest.orElseThrow(() -> new NotFoundException(none));
    }
}
