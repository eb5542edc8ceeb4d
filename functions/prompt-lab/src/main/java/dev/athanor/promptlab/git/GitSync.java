package dev.athanor.promptlab.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.ProdSnapshot;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/git/sync-all}: every project of the team with a repository has its production file read again
 * and its open pull requests' states read from the host. One project's failure is reported and the others go on.
 */
@Singleton
@Requires(beans = PullRequests.class)
public class GitSync {

    private static final int PAGE = 100;

    private final PromptProjects projects;
    private final GitIdentities identities;
    private final ProdFiles prodFiles;
    private final PullRequests pullRequests;

    GitSync(PromptProjects projects, GitIdentities identities, ProdFiles prodFiles, PullRequests pullRequests) {
        this.projects = projects;
        this.identities = identities;
        this.prodFiles = prodFiles;
        this.pullRequests = pullRequests;
    }

    public Summary all(TeamId team) {
        identities.require(team);
        List<ProjectSync> synced = new ArrayList<>();
        String cursor = null;
        do {
            Page<PromptProject> page = projects.list(team, new PageRequest(PAGE, cursor));
            for (PromptProject project : page.items()) {
                if (ProjectRepos.hasRepository(project)) {
                    synced.add(one(team, project));
                }
            }
            cursor = page.next();
        } while (cursor != null);
        int failed = (int) synced.stream().filter(s -> s.error() != null).count();
        int merged = synced.stream().mapToInt(ProjectSync::mergedPrs).sum();
        return new Summary(synced.size() - failed, failed, merged, synced);
    }

    private ProjectSync one(TeamId team, PromptProject project) {
        try {
            Optional<ProdSnapshot> snapshot = prodFiles.refresh(team, project);
            PullRequests.Synced prs = pullRequests.sync(team, project);
            String error = prs.errors().isEmpty() ? null : String.join("; ", prs.errors());
            return new ProjectSync(project.id(), project.name(), project.gitRepoUrl(), error == null ? "synced"
                    : "failed", snapshot.map(ProdSnapshot::commitSha).filter(s -> !s.isEmpty()).orElse(null),
                    snapshot.map(s -> s.content() != null).orElse(false), prs.open().size(), prs.merged().size(),
                    error);
        } catch (DomainException e) {
            return new ProjectSync(project.id(), project.name(), project.gitRepoUrl(), "failed", null, false, 0, 0,
                    e.getMessage());
        }
    }

    @Serdeable
    public record Summary(int synced, int failed, @JsonProperty("merged_prs") int mergedPrs,
                          List<ProjectSync> projects) {
    }

    @Serdeable
    public record ProjectSync(long id,
                              String name,
                              @JsonProperty("git_repo_url") String gitRepoUrl,
                              String status,
                              @JsonProperty("prod_commit") @Nullable String prodCommit,
                              @JsonProperty("has_prod_prompt") boolean hasProdPrompt,
                              @JsonProperty("open_prs") int openPrs,
                              @JsonProperty("merged_prs") int mergedPrs,
                              @Nullable String error) {
    }
}
