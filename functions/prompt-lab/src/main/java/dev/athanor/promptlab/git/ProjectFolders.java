package dev.athanor.promptlab.git;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.git.FileChanges;
import dev.athanor.model.git.GitRepositories;
import dev.athanor.model.git.RepoFiles;
import dev.athanor.model.promptlab.Promotion;
import dev.athanor.model.promptlab.PromotionStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.projects.ProjectListener;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A project created with a repository, renamed, or given a repository opens a pull request adding its folder (its
 * {@code project.json}; a rename moves the old folder's files). Only for a team with a Git identity. The project is
 * saved whatever the host says: a failure is logged and written to the audit log, and the request can be made again
 * by saving the project.
 */
@Singleton
@Requires(beans = PromotionStore.class)
public class ProjectFolders implements ProjectListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectFolders.class);

    private final ProjectRepos repos;
    private final GitRepositories repositories;
    private final PromotionAudits audits;
    private final Promotions promotions;
    private final GitFiles files;
    private final RepoLayout layout;
    private final Clock clock;

    ProjectFolders(ProjectRepos repos, GitRepositories repositories,
                   PromotionAudits audits, Promotions promotions, GitFiles files, RepoLayout layout, Clock clock) {
        this.repos = repos;
        this.repositories = repositories;
        this.audits = audits;
        this.promotions = promotions;
        this.files = files;
        this.layout = layout;
        this.clock = clock;
    }

    @Override
    public void saved(TeamPrincipal principal, @Nullable PromptProject before, PromptProject after) {
        boolean renamed = before != null && !before.name().equals(after.name());
        boolean newRepository = before == null || !Objects.equals(before.gitRepoUrl(), after.gitRepoUrl());
        if (!ProjectRepos.hasRepository(after) || !renamed && !newRepository) {
            return;
        }
        TeamId team = principal.team();
        String actor = PromotionAudits.actor(principal);
        try {
            repos.ifConfigured(team, after).ifPresent(target -> propose(team, actor, target,
                    renamed && !newRepository ? before.name() : null));
        } catch (DomainException e) {
            LOG.warn("Folder of project {} of team {} not proposed: {}", after.id(), team.value(), e.getMessage());
            audits.project(team, actor, "project_folder_failed", after, "project", null, null, e.getMessage());
        }
    }

    private void propose(TeamId team, String actor, ProjectRepos.Target target, @Nullable String oldName) {
        PromptProject project = target.project();
        Map<String, String> changed = new LinkedHashMap<>();
        String title = "Add prompt-lab project " + project.name();
        if (oldName != null) {
            String oldFolder = layout.folder(oldName);
            RepoFiles old = repositories.read(target.credentials(), target.repo(), oldFolder);
            old.files().forEach((path, content) -> {
                changed.put(path, null);
                changed.put(target.folder() + path.substring(oldFolder.length()), content);
            });
            if (!old.files().isEmpty()) {
                title = "Rename prompt-lab project " + oldName + " to " + project.name();
            }
        }
        changed.put(target.file(RepoLayout.PROJECT), files.project(project));
        RepoFiles current = repositories.read(target.credentials(), target.repo(), target.folder());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String stamp = String.format("%013d", now.toEpochMilli());
        String branch = "prompt-lab/project/" + project.id() + "-" + stamp;
        String body = "Adds the folder `" + target.folder() + "/` of the prompt-lab project **" + project.name()
                + "** (model `" + project.providerId() + "`). Production prompts of this project are promoted "
                + "into it by pull requests like this one.\n\nRequested by `" + actor + "`.\n";
        Promotion promotion = promotions.open(team, actor, target, Promotion.Kind.PROJECT, null, branch,
                current.branch(), new FileChanges(title, promotions.author(team), changed), title, body, now);
        audits.promotion(team, actor, "pull_request_opened", promotion, title, project.name());
    }
}
