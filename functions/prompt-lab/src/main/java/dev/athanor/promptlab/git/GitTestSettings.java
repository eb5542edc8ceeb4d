package dev.athanor.promptlab.git;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.TeamId;
import dev.athanor.model.git.FileChanges;
import dev.athanor.model.git.GitCommit;
import dev.athanor.model.git.GitRepositories;
import dev.athanor.model.git.RepoFiles;
import dev.athanor.model.promptlab.PromotionStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * The test settings file of a project whose team has a Git identity and which has a repository: read from the
 * default branch, and written by a commit to it. Projects without either keep their test settings in the database.
 */
@Singleton
@Requires(beans = PromotionStore.class)
public class GitTestSettings {

    /** Settings read from the repository, at a commit. */
    public record Read(GitFiles.SettingsFile settings, String commitSha) {
    }

    private final ProjectRepos repos;
    private final GitRepositories repositories;
    private final GitFiles files;
    private final Promotions promotions;
    private final PromotionAudits audits;

    GitTestSettings(ProjectRepos repos, GitRepositories repositories, GitFiles files, Promotions promotions,
                    PromotionAudits audits) {
        this.repos = repos;
        this.repositories = repositories;
        this.files = files;
        this.promotions = promotions;
        this.audits = audits;
    }

    /** Whether the project's test settings live in its repository. */
    public boolean inGit(TeamId team, PromptProject project) {
        return repos.ifConfigured(team, project).isPresent();
    }

    /** The settings file on the default branch; empty when the project keeps none there (yet). */
    public Optional<Read> read(TeamId team, PromptProject project) {
        return repos.ifConfigured(team, project).flatMap(target -> {
            RepoFiles read = repositories.read(target.credentials(), target.repo(), target.folder());
            return Optional.ofNullable(read.files().get(target.file(RepoLayout.SETTINGS)))
                    .flatMap(files::readSettings).map(settings -> new Read(settings, read.headSha()));
        });
    }

    /** Commits the settings to the default branch. */
    public GitCommit write(TeamPrincipal principal, PromptProject project, @Nullable String testBackendUrl,
                           PromptSettings prompt) {
        TeamId team = principal.team();
        ProjectRepos.Target target = repos.of(team, project);
        String file = target.file(RepoLayout.SETTINGS);
        String message = "Save the test settings of " + project.name();
        GitCommit commit = repositories.pushToDefault(target.credentials(), target.repo(),
                new FileChanges(message, promotions.author(team), Map.of(file, files.settings(testBackendUrl, prompt))));
        audits.project(team, PromotionAudits.actor(principal), "test_settings_committed", project, null, null,
                commit.sha(), message);
        return commit;
    }
}
