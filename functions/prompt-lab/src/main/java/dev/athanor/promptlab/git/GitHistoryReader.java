package dev.athanor.promptlab.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.TeamId;
import dev.athanor.model.git.FileVersion;
import dev.athanor.model.git.GitCommit;
import dev.athanor.model.git.GitHostApi;
import dev.athanor.model.git.GitRepositories;
import dev.athanor.model.git.GitTag;
import dev.athanor.model.git.RepoAccess;
import dev.athanor.model.git.WorkingCopyStatus;
import dev.athanor.model.promptlab.Promotion;
import dev.athanor.model.promptlab.PromptProject;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a project's repository says: production versions, the unified history, the working copy, access rights. */
@Singleton
@Requires(beans = PullRequests.class)
public class GitHistoryReader {

    /** How many commits the histories show. */
    static final int COMMITS = 100;

    private final ProjectRepos repos;
    private final GitRepositories repositories;
    private final GitHostApi hosts;
    private final PullRequests pullRequests;
    private final GitFiles files;

    GitHistoryReader(ProjectRepos repos, GitRepositories repositories, GitHostApi hosts, PullRequests pullRequests,
                     GitFiles files) {
        this.repos = repos;
        this.repositories = repositories;
        this.hosts = hosts;
        this.pullRequests = pullRequests;
        this.files = files;
    }

    /** The production prompt file's versions on the default branch, newest (the one served) first. */
    public List<ProdVersion> prodHistory(TeamId team, PromptProject project) {
        ProjectRepos.Target target = repos.of(team, project);
        List<Promotion> promotions = pullRequests.all(team, project);
        List<ProdVersion> versions = new ArrayList<>();
        for (FileVersion version : repositories.history(target.credentials(), target.repo(),
                target.file(RepoLayout.PROMPT), COMMITS)) {
            GitCommit commit = version.commit();
            Optional<Promotion> promotion = promotions.stream().filter(p -> commit.sha().equals(p.mergeCommitSha())
                    || commit.sha().equals(p.commitSha())).findFirst();
            versions.add(new ProdVersion(commit.sha(), commit.shortSha(), commit.message().strip(),
                    commit.authorName(), commit.authorEmail(), commit.when().toString(), versions.isEmpty(),
                    version.content() == null, version.content() == null ? null
                    : files.readPrompt(version.content()).map(PromptConfigs::camelCase).orElse(null),
                    promotion.map(Promotion::prNumber).orElse(null), promotion.map(Promotion::prUrl).orElse(null),
                    promotion.map(p -> p.kind().wireName()).orElse(null),
                    promotion.map(Promotion::historyId).orElse(null)));
        }
        return versions;
    }

    /** Commits touching the project's folder, its pull requests and the repository's tags, newest first. */
    public List<HistoryItem> gitHistory(TeamId team, PromptProject project) {
        ProjectRepos.Target target = repos.of(team, project);
        List<HistoryItem> items = new ArrayList<>();
        for (FileVersion version : repositories.history(target.credentials(), target.repo(), target.folder(),
                COMMITS)) {
            GitCommit c = version.commit();
            items.add(new HistoryItem("commit", c.when().toString(), c.sha(), c.message().strip(), c.authorName(),
                    null, null, null, null));
        }
        for (Promotion p : pullRequests.all(team, project)) {
            items.add(new HistoryItem("pull_request", (p.mergedAt() != null ? p.mergedAt() : p.createdAt()).toString(),
                    p.commitSha(), p.title(), p.createdBy(), p.prNumber(), p.prUrl(), p.state().wireName(), null));
        }
        for (GitTag tag : repositories.tags(target.credentials(), target.repo())) {
            items.add(new HistoryItem("tag", tag.when() == null ? null : tag.when().toString(), tag.sha(),
                    tag.message(), null, null, null, null, tag.name()));
        }
        items.sort(Comparator.comparing(HistoryItem::date, Comparator.nullsLast(Comparator.reverseOrder())));
        return items;
    }

    /** The local working copy of the project's folder (cloned first if this instance has none). */
    public Changes changes(TeamId team, PromptProject project) {
        ProjectRepos.Target target = repos.of(team, project);
        WorkingCopyStatus status = repositories.status(target.credentials(), target.repo(), target.folder());
        if (!status.cloned()) {
            repositories.read(target.credentials(), target.repo(), target.folder());
            status = repositories.status(target.credentials(), target.repo(), target.folder());
        }
        return new Changes(status.hasChanges(), relative(status.modifiedFiles(), target.folder()),
                relative(status.untrackedFiles(), target.folder()), status.branch(), status.lastCommit(),
                target.folder());
    }

    /** What the team's token may do with the project's repository. */
    public Access access(TeamId team, PromptProject project) {
        ProjectRepos.Target target = repos.of(team, project);
        RepoAccess access = hosts.access(target.credentials(), target.repo());
        String message = !access.canRead() ? "The token cannot read this repository (or it does not exist)"
                : !access.canPush() ? "The token can read this repository but not push to it: promotions need push"
                : "The token can read and push: promotions will work";
        return new Access(project.id(), project.gitRepoUrl(), target.credentials().platform().wireName(),
                access.canRead() && access.canPush(), access.canRead(), access.canPush(), access.defaultBranch(),
                message);
    }

    private static List<String> relative(List<String> paths, String folder) {
        return paths.stream().map(p -> p.startsWith(folder + "/") ? p.substring(folder.length() + 1) : p)
                .filter(Objects::nonNull).toList();
    }

    @Serdeable
    public record ProdVersion(@JsonProperty("commit_sha") String commitSha,
                              @JsonProperty("short_sha") String shortSha,
                              String message,
                              String author,
                              @JsonProperty("author_email") String authorEmail,
                              String date,
                              @JsonProperty("is_current") boolean isCurrent,
                              boolean deleted,
                              @Nullable Map<String, Object> config,
                              @JsonProperty("pr_number") @Nullable Long prNumber,
                              @JsonProperty("pr_url") @Nullable String prUrl,
                              @JsonProperty("history_kind") @Nullable String historyKind,
                              @JsonProperty("history_id") @Nullable Long historyId) {
    }

    @Serdeable
    public record HistoryItem(String type,
                              @Nullable String date,
                              @Nullable String sha,
                              @Nullable String message,
                              @Nullable String author,
                              @JsonProperty("pr_number") @Nullable Long prNumber,
                              @JsonProperty("pr_url") @Nullable String prUrl,
                              @Nullable String status,
                              @JsonProperty("tag") @Nullable String tag) {
    }

    @Serdeable
    public record Changes(@JsonProperty("has_changes") boolean hasChanges,
                          @JsonProperty("modified_files") List<String> modifiedFiles,
                          @JsonProperty("untracked_files") List<String> untrackedFiles,
                          @Nullable String branch,
                          @JsonProperty("last_commit") @Nullable String lastCommit,
                          String folder) {
    }

    @Serdeable
    public record Access(@JsonProperty("project_id") long projectId,
                         @JsonProperty("git_repo_url") String gitRepoUrl,
                         String platform,
                         boolean accessible,
                         @JsonProperty("can_read") boolean canRead,
                         @JsonProperty("can_push") boolean canPush,
                         @JsonProperty("default_branch") @Nullable String defaultBranch,
                         String message) {
    }
}
