package dev.athanor.promptlab.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.git.FileChanges;
import dev.athanor.model.git.GitAuthor;
import dev.athanor.model.git.GitCommit;
import dev.athanor.model.git.GitHostApi;
import dev.athanor.model.git.GitRepositories;
import dev.athanor.model.git.NewPullRequest;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.RepoFiles;
import dev.athanor.model.promptlab.Promotion;
import dev.athanor.model.promptlab.PromotionStore;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptTestSettings;
import dev.athanor.model.promptlab.PromptTestSettingsStore;
import dev.athanor.promptlab.history.PromptHistoryService;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Promotion of history entries. {@code tag-prod} pushes a branch whose commit makes the entry the project's production
 * prompt file and opens a pull request for review; nothing is marked production until the request is merged
 * ({@link PullRequests}). {@code tag-test} commits the entry as the test settings file straight to the default
 * branch (or, for a project without a repository, saves the test settings in the database). Steps run in an order
 * that leaves nothing half-written: a push that fails opens no pull request and records nothing, and a pull request
 * that cannot be opened takes its branch with it.
 */
@Singleton
@Requires(beans = {PromotionStore.class, PromptTestSettingsStore.class})
public class Promotions {

    static final int MAX_MESSAGE = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(Promotions.class);

    private final PromptProjects projects;
    private final PromptHistoryService history;
    private final ProjectRepos repos;
    private final GitRepositories repositories;
    private final GitHostApi hosts;
    private final PromotionStore store;
    private final PromptTestSettingsStore testSettings;
    private final PromotionGate gate;
    private final PromotionAudits audits;
    private final GitIdentities identities;
    private final GitFiles files;
    private final Clock clock;

    Promotions(PromptProjects projects, PromptHistoryService history, ProjectRepos repos,
               GitRepositories repositories, GitHostApi hosts, PromotionStore store,
               PromptTestSettingsStore testSettings, PromotionGate gate, PromotionAudits audits,
               GitIdentities identities, GitFiles files, Clock clock) {
        this.projects = projects;
        this.history = history;
        this.repos = repos;
        this.repositories = repositories;
        this.hosts = hosts;
        this.store = store;
        this.testSettings = testSettings;
        this.gate = gate;
        this.audits = audits;
        this.identities = identities;
        this.files = files;
        this.clock = clock;
    }

    /** Opens the pull request promoting an entry to production. */
    public TagProd tagProd(TeamPrincipal principal, String projectId, Kind kind, String historyId,
                           RequestFields fields) {
        TeamId team = principal.team();
        PromptProject project = projects.get(team, projectId);
        PromptHistoryEntry entry = history.entry(team, project, kind, historyId);
        String kindName = kindName(kind);
        String message = message(fields, "Promote " + kindName + " #" + entry.id() + " of " + project.name()
                + " to production");
        ProjectRepos.Target target = repos.of(team, project);
        String actor = PromotionAudits.actor(principal);
        try {
            gate.check(team, project);
        } catch (ConflictException refused) {
            audits.project(team, actor, "promotion_refused", project, kindName, entry.id(), null,
                    refused.getMessage());
            throw refused;
        }
        RepoFiles current = repositories.read(target.credentials(), target.repo(), target.folder());
        String file = target.file(RepoLayout.PROMPT);
        String before = current.files().get(file);
        String after = files.prompt(project, entry.prompt());
        if (after.equals(before)) {
            throw new ConflictException("This " + kindName + " is already the production prompt on "
                    + current.branch() + " (" + file + ")");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String stamp = String.format("%013d", now.toEpochMilli());
        String branch = "prompt-lab/prod/" + project.id() + "-" + kindName + "-" + entry.id() + "-" + stamp;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("project", project.name());
        record.put("history_kind", kindName);
        record.put("history_id", entry.id());
        record.put("requested_by", actor);
        record.put("requested_at", now.toString());
        record.put("message", message);
        record.put("branch", branch);
        Map<String, String> changed = new LinkedHashMap<>();
        changed.put(file, after);
        changed.put(target.file(RepoLayout.HISTORY + "/" + stamp + "-" + kindName + "-" + entry.id() + ".json"),
                files.promotion(record));
        String title = "Promote " + project.name() + " " + kindName + " #" + entry.id() + " to production";
        String body = PromotionDescription.of(project, kindName, entry, message, actor, file, before, after,
                gate.latestScored(team, project).orElse(null), gate.minimum(team, project).orElse(null));
        Promotion promotion = open(team, actor, target, kind == Kind.PROMPT ? Promotion.Kind.PROMPT
                : Promotion.Kind.BACKEND, entry.id(), branch, current.branch(), new FileChanges(message,
                author(team), changed), title, body, now);
        audits.promotion(team, actor, "pull_request_opened", promotion, message, project.name());
        return new TagProd("Opened " + target.credentials().platform().pullRequestName() + " #"
                + promotion.prNumber() + " to promote " + kindName + " #" + entry.id() + " to production",
                promotion.prNumber(), promotion.prUrl(), promotion.state().wireName(), branch, current.branch(),
                promotion.commitSha(), kindName, entry.id(), file, target.credentials().platform().wireName());
    }

    /**
     * Pushes the changes on a new branch and opens a pull request from it, then records the promotion. When the
     * request cannot be opened, the branch is deleted again, so a failure leaves neither.
     */
    Promotion open(TeamId team, String actor, ProjectRepos.Target target, Promotion.Kind kind,
                   @Nullable Long historyId, String branch, String base, FileChanges changes, String title,
                   String body, Instant now) {
        GitCommit commit = repositories.pushBranch(target.credentials(), target.repo(), branch, changes);
        PullRequest opened;
        try {
            opened = hosts.open(target.credentials(), target.repo(), new NewPullRequest(branch, base, title, body));
        } catch (RuntimeException failed) {
            try {
                repositories.deleteBranch(target.credentials(), target.repo(), branch, commit.sha());
            } catch (RuntimeException e) {
                LOG.warn("Branch {} of {} left behind after its pull request failed: {}", branch,
                        target.repo().path(), e.getMessage());
            }
            throw failed;
        }
        Promotion promotion = new Promotion(String.format("%013d", now.toEpochMilli()) + "-"
                + UUID.randomUUID().toString().substring(0, 8), target.project().id(), kind, historyId,
                target.project().gitRepoUrl(), branch, base, opened.number(), opened.url(), title, commit.sha(),
                opened.state(), actor, now, now, opened.mergedAt(), opened.mergeCommitSha());
        store.save(team, promotion);
        return promotion;
    }

    /** Saves an entry as the project's test settings: committed to the repository, or stored when it has none. */
    public TagTest tagTest(TeamPrincipal principal, String projectId, Kind kind, String historyId,
                           RequestFields fields) {
        TeamId team = principal.team();
        PromptProject project = projects.get(team, projectId);
        PromptHistoryEntry entry = history.entry(team, project, kind, historyId);
        String kindName = kindName(kind);
        String message = message(fields, "Save " + kindName + " #" + entry.id() + " of " + project.name()
                + " as test settings");
        String url = entry.backend() != null ? entry.backend().url() : project.testBackendUrl();
        TagTest answer;
        if (ProjectRepos.hasRepository(project)) {
            ProjectRepos.Target target = repos.of(team, project);
            String file = target.file(RepoLayout.SETTINGS);
            GitCommit commit = repositories.pushToDefault(target.credentials(), target.repo(),
                    new FileChanges(message, author(team), Map.of(file, files.settings(url, entry.prompt()))));
            audits.project(team, PromotionAudits.actor(principal), "test_settings_committed", project, kindName,
                    entry.id(), commit.sha(), message);
            answer = new TagTest("Committed " + kindName + " #" + entry.id() + " as the test settings (" + file
                    + ")", "git", commit.sha(), file, kindName, entry.id());
        } else {
            testSettings.save(team, project.id(), new PromptTestSettings(url, entry.prompt(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            audits.project(team, PromotionAudits.actor(principal), "test_settings_saved", project, kindName,
                    entry.id(), null, message);
            answer = new TagTest("Saved " + kindName + " #" + entry.id() + " as the test settings (the project has"
                    + " no Git repository)", "database", null, null, kindName, entry.id());
        }
        if (kind == Kind.BACKEND) {
            history.mark(team, Kind.BACKEND, project.id(), entry.id());
        }
        return answer;
    }

    /** The author of the prompt lab's commits: the team's Git account. */
    GitAuthor author(TeamId team) {
        var identity = identities.require(team);
        String email = identity.user().email();
        if (email == null || email.isBlank()) {
            email = identity.username() + "@users.noreply." + switch (identity.platform()) {
                case GITHUB -> "github.com";
                case GITLAB -> "gitlab.com";
                case GITEA -> "gitea.io";
            };
        }
        String name = identity.user().name();
        return new GitAuthor(name == null || name.isBlank() ? identity.username() : name, email);
    }

    static String kindName(Kind kind) {
        return kind == Kind.PROMPT ? "prompt" : "backend";
    }

    private static String message(RequestFields fields, String otherwise) {
        String message = fields.string("commit_message");
        if (message != null && message.length() > MAX_MESSAGE) {
            fields.error("commit_message", "must be at most " + MAX_MESSAGE + " characters");
        }
        fields.check("promotion");
        return message == null || message.isBlank() ? otherwise : message.strip();
    }

    @Serdeable
    public record TagProd(String message,
                          @JsonProperty("pr_number") long prNumber,
                          @JsonProperty("pr_url") String prUrl,
                          String status,
                          String branch,
                          @JsonProperty("target_branch") String targetBranch,
                          @JsonProperty("commit_sha") String commitSha,
                          @JsonProperty("history_kind") String historyKind,
                          @JsonProperty("history_id") long historyId,
                          String file,
                          String platform) {
    }

    @Serdeable
    public record TagTest(String message,
                          String source,
                          @JsonProperty("commit_sha") @Nullable String commitSha,
                          @Nullable String file,
                          @JsonProperty("history_kind") String historyKind,
                          @JsonProperty("history_id") long historyId) {
    }
}
