package dev.athanor.promptlab.git;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.git.GitRepositories;
import dev.athanor.model.git.RepoFiles;
import dev.athanor.model.promptlab.ProdSnapshot;
import dev.athanor.model.promptlab.PromotionStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptSettings;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The production prompt files of projects with a repository, read from the default branch and kept as a snapshot
 * (in the projects table, so every instance serves the same one). A snapshot is read again when it is older than
 * {@code athanor.prompt-lab.git.prod-cache-ttl}, on a sync, when a promotion's pull request is seen merged and on a
 * host's webhook. When the host cannot be read, the last snapshot is served.
 */
@Singleton
@Requires(beans = {PromotionStore.class, GitIdentities.class})
public class ProdFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ProdFiles.class);

    /** A production prompt served from Git: the prompt and the commit it was read at. */
    public record GitProd(PromptSettings prompt, String commitSha, Instant readAt) {
    }

    private final ProjectRepos repos;
    private final GitRepositories repositories;
    private final PromotionStore store;
    private final GitFiles files;
    private final PromptGitConfiguration configuration;
    private final Clock clock;

    ProdFiles(ProjectRepos repos, GitRepositories repositories, PromotionStore store, GitFiles files,
              PromptGitConfiguration configuration, Clock clock) {
        this.repos = repos;
        this.repositories = repositories;
        this.store = store;
        this.files = files;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * The project's production prompt from its repository; empty when it has no repository, the team no Git
     * identity, or the default branch no readable production file (the caller then falls back to the database).
     */
    public Optional<GitProd> production(TeamId team, PromptProject project) {
        if (!ProjectRepos.hasRepository(project)) {
            return Optional.empty();
        }
        Optional<ProdSnapshot> stored = store.snapshot(team, project.id())
                .filter(snapshot -> snapshot.repoUrl().equals(project.gitRepoUrl()));
        Optional<ProdSnapshot> snapshot = stored;
        if (stored.isEmpty() || stored.get().readAt().plus(configuration.getProdCacheTtl()).isBefore(clock.instant())) {
            try {
                snapshot = refresh(team, project).or(() -> stored);
            } catch (DomainException | IllegalStateException e) {
                LOG.warn("Production file of project {} of team {} not read from Git, serving the last one read: {}",
                        project.id(), team.value(), e.getMessage());
            }
        }
        return snapshot.filter(s -> s.content() != null).flatMap(s -> files.readPrompt(s.content())
                .map(prompt -> new GitProd(prompt, s.commitSha(), s.readAt())));
    }

    /**
     * Reads the production file from the default branch now and stores the snapshot; empty when the project has no
     * repository or the team no identity.
     */
    public Optional<ProdSnapshot> refresh(TeamId team, PromptProject project) {
        return repos.ifConfigured(team, project).map(target -> {
            RepoFiles read = repositories.read(target.credentials(), target.repo(), target.folder());
            ProdSnapshot snapshot = new ProdSnapshot(project.gitRepoUrl(),
                    read.headSha() == null ? "" : read.headSha(), read.files().get(target.file(RepoLayout.PROMPT)),
                    clock.instant());
            store.saveSnapshot(team, project.id(), snapshot);
            return snapshot;
        });
    }
}
