package dev.athanor.promptlab.git;

import dev.athanor.core.net.OutboundUrlGuard;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.promptlab.GitIdentity;
import dev.athanor.model.promptlab.PromptProject;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * A project's repository and the team's credentials for it. The stored {@code git_repo_url} is checked again by the
 * outbound URL rule every time it is about to be called (a rule or a name's address may have changed since).
 */
@Singleton
@Requires(beans = GitIdentities.class)
public class ProjectRepos {

    /** What a Git call for a project needs: the project, its repository, the credentials and its folder. */
    public record Target(PromptProject project, GitRepo repo, GitCredentials credentials, String folder) {

        public String file(String name) {
            return folder + "/" + name;
        }
    }

    private final GitIdentities identities;
    private final OutboundUrlGuard urls;
    private final RepoLayout layout;

    ProjectRepos(GitIdentities identities, OutboundUrlGuard urls, RepoLayout layout) {
        this.identities = identities;
        this.urls = urls;
        this.layout = layout;
    }

    /**
     * @throws ConflictException     when the project has no repository
     * @throws InvalidInputException when its URL names no repository or the outbound URL rule refuses it now
     * @throws ConflictException     when the team has no Git identity
     */
    public Target of(TeamId team, PromptProject project) {
        GitRepo repo = repo(project).orElseThrow(() -> new ConflictException(
                "Project has no Git repository: set its git_repo_url first"));
        return new Target(project, repo, identities.credentials(team), layout.folder(project.name()));
    }

    /** The target when the project has a repository and the team a Git identity; empty otherwise. */
    public Optional<Target> ifConfigured(TeamId team, PromptProject project) {
        Optional<GitIdentity> identity = identities.find(team);
        if (identity.isEmpty() || !hasRepository(project)) {
            return Optional.empty();
        }
        return repo(project).map(repo -> new Target(project, repo, identities.credentials(team, identity.get()),
                layout.folder(project.name())));
    }

    public static boolean hasRepository(PromptProject project) {
        return project.gitRepoUrl() != null && !project.gitRepoUrl().isBlank();
    }

    private Optional<GitRepo> repo(PromptProject project) {
        return hasRepository(project) ? Optional.of(repoAt(project.gitRepoUrl())) : Optional.empty();
    }

    /**
     * The repository a stored URL names, checked by the outbound URL rule now.
     *
     * @throws InvalidInputException when it names none or the rule refuses it
     */
    public GitRepo repoAt(String url) {
        GitRepo repo = GitRepo.parse(url).orElseThrow(() -> new InvalidInputException(
                "git_repo_url does not name a repository (https://host/owner/name)"));
        urls.problem(repo.cloneUrl()).ifPresent(problem -> {
            throw new InvalidInputException("git_repo_url " + problem);
        });
        return repo;
    }
}
