package dev.athanor.promptlab.settings;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.promptlab.git.GitFiles;
import dev.athanor.promptlab.git.GitTestSettings;
import java.util.Optional;
import dev.athanor.core.http.RequestFields;
import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptSettings;
import dev.athanor.model.promptlab.PromptTestSettings;
import dev.athanor.model.promptlab.PromptTestSettingsStore;
import dev.athanor.promptlab.json.PromptFields;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * A project's backend-test settings: read (the saved ones, or, before any save, the project's backend URL and no
 * prompt) and save (replacing them whole). A project with a repository, of a team with a Git identity, keeps them
 * in its repository's settings file (read from and committed to the default branch); others in the database. A {@code test_backend_url} given must pass the SSRF guard (422 otherwise).
 */
@Controller("/api/projects/{project_id}/test-settings")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = {PromptProjects.class, PromptTestSettingsStore.class})
@Tag(name = "Settings")
public class TestSettingsController {

    private final PromptProjects projects;
    private final PromptTestSettingsStore settings;
    private final JsonMapper json;
    private final Clock clock;
    private final OutboundUrlGuard urls;
    private final GitTestSettings git;

    TestSettingsController(PromptProjects projects, PromptTestSettingsStore settings, JsonMapper json, Clock clock,
                           OutboundUrlGuard urls, GitTestSettings git) {
        this.projects = projects;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.urls = urls;
        this.git = git;
    }

    @Get
    @Operation(summary = "Get a project's backend test settings")
    TestSettingsView get(Authentication authentication, @PathVariable("project_id") String projectId) {
        TeamId team = TeamPrincipal.of(authentication).team();
        PromptProject project = projects.get(team, projectId);
        Optional<GitTestSettings.Read> fromGit = git.read(team, project);
        if (fromGit.isPresent()) {
            GitFiles.SettingsFile file = fromGit.get().settings();
            return TestSettingsView.of(file.testBackendUrl(), file.prompt(), "git", fromGit.get().commitSha());
        }
        return TestSettingsView.of(settings.find(team, project.id()).orElseGet(() -> new PromptTestSettings(
                project.testBackendUrl(), new PromptSettings(null, null, null, null, null, null, null, null),
                project.updatedAt())));
    }

    @Post
    @Operation(summary = "Save a project's backend test settings")
    TestSettingsView save(Authentication authentication, @PathVariable("project_id") String projectId,
                          HttpRequest<?> request) {
        TeamPrincipal principal = TeamPrincipal.of(authentication);
        TeamId team = principal.team();
        PromptProject project = projects.get(team, projectId);
        RequestFields fields = RequestFields.read(json, request);
        String url = fields.string("test_backend_url");
        if (url != null && !url.isEmpty()) {
            urls.problem(url).ifPresent(problem -> fields.error("test_backend_url", problem));
        }
        PromptSettings prompt = PromptFields.read(fields);
        fields.check("test settings");
        if (git.inGit(team, project)) {
            return TestSettingsView.of(url, prompt, "git", git.write(principal, project, url, prompt).sha());
        }
        return TestSettingsView.of(settings.save(team, project.id(), new PromptTestSettings(url, prompt,
                clock.instant().truncatedTo(ChronoUnit.MILLIS))));
    }
}
