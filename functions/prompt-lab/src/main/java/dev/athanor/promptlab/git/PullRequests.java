package dev.athanor.promptlab.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.git.GitCredentials;
import dev.athanor.model.git.GitHostApi;
import dev.athanor.model.git.PullRequest;
import dev.athanor.model.git.PullRequestState;
import dev.athanor.model.promptlab.Promotion;
import dev.athanor.model.promptlab.PromotionStore;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.history.PromptHistoryService;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pull requests the prompt lab opened, and their states as their hosts report them. A state read is trusted for
 * {@code athanor.prompt-lab.git.pr-cache-ttl}; {@code sync-prs} reads every open one now, {@code clear-pr-cache}
 * makes the next look read them. When a promotion's pull request is seen merged (by a read or a host's webhook), the
 * prompt entry it promoted is marked production, the production file is read again and the audit log says so.
 */
@Singleton
@Requires(beans = PromotionStore.class)
public class PullRequests {

    private static final Logger LOG = LoggerFactory.getLogger(PullRequests.class);
    /** How many of a project's newest promotions are looked at. */
    static final int LIMIT = 200;

    private final PromotionStore store;
    private final GitHostApi hosts;
    private final ProjectRepos repos;
    private final GitIdentities identities;
    private final PromptProjects projects;
    private final PromptHistoryService history;
    private final ProdFiles prodFiles;
    private final PromotionAudits audits;
    private final PromptGitConfiguration configuration;
    private final Clock clock;

    PullRequests(PromotionStore store, GitHostApi hosts, ProjectRepos repos, GitIdentities identities,
                 PromptProjects projects, PromptHistoryService history, ProdFiles prodFiles, PromotionAudits audits,
                 PromptGitConfiguration configuration, Clock clock) {
        this.store = store;
        this.hosts = hosts;
        this.repos = repos;
        this.identities = identities;
        this.projects = projects;
        this.history = history;
        this.prodFiles = prodFiles;
        this.audits = audits;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** The project's open pull requests, their states read again where the cached one has expired. */
    public List<Promotion> pending(TeamId team, PromptProject project) {
        Instant stale = clock.instant().minus(configuration.getPrCacheTtl());
        Supplier<GitCredentials> credentials = once(team);
        List<Promotion> open = new ArrayList<>();
        for (Promotion promotion : all(team, project)) {
            if (promotion.state() != PullRequestState.OPEN) {
                continue;
            }
            Promotion now = promotion;
            if (promotion.checkedAt() == null || promotion.checkedAt().isBefore(stale)) {
                try {
                    now = refresh(team, project, promotion, credentials);
                } catch (DomainException e) {
                    LOG.warn("Pull request {} of project {} not read: {}", promotion.prUrl(), project.id(),
                            e.getMessage());
                }
            }
            if (now.state() == PullRequestState.OPEN) {
                open.add(now);
            }
        }
        return open;
    }

    /** Reads every open pull request of the project from its host now. */
    public Synced sync(TeamId team, PromptProject project) {
        List<PromotionView> open = new ArrayList<>();
        List<PromotionView> merged = new ArrayList<>();
        List<PromotionView> closed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Supplier<GitCredentials> credentials = once(team);
        for (Promotion promotion : all(team, project)) {
            if (promotion.state() != PullRequestState.OPEN) {
                continue;
            }
            try {
                Promotion now = refresh(team, project, promotion, credentials);
                (switch (now.state()) {
                    case OPEN -> open;
                    case MERGED -> merged;
                    case CLOSED -> closed;
                }).add(PromotionView.of(now));
            } catch (DomainException e) {
                errors.add("#" + promotion.prNumber() + ": " + e.getMessage());
                open.add(PromotionView.of(promotion));
            }
        }
        return new Synced(project.id(), open.size() + merged.size() + closed.size() - errors.size(), open, merged,
                closed, errors);
    }

    /** Forgets the cached states of the project's open pull requests, so the next look reads them. */
    public int clearCache(TeamId team, PromptProject project) {
        int cleared = 0;
        for (Promotion promotion : all(team, project)) {
            if (promotion.state() == PullRequestState.OPEN && promotion.checkedAt() != null) {
                store.save(team, promotion.unchecked());
                cleared++;
            }
        }
        return cleared;
    }

    /**
     * Reads the pull request a host's webhook named, when it is one of the team's promotions on that repository.
     *
     * @return the promotion as it stands now, or empty when the team opened no such pull request
     */
    public Optional<Promotion> refreshNamed(TeamId team, String repoPath, long number) {
        for (Promotion promotion : store.listAll(team)) {
            if (promotion.prNumber() == number && promotion.state() == PullRequestState.OPEN
                    && repos.repoAt(promotion.repoUrl()).path().equalsIgnoreCase(repoPath)) {
                return Optional.of(refresh(team, projects.get(team, promotion.projectId()), promotion, once(team)));
            }
        }
        return Optional.empty();
    }

    public List<Promotion> all(TeamId team, PromptProject project) {
        return store.list(team, project.id(), LIMIT);
    }

    /** The team's credentials, read and opened at the first call only (one read for a whole list of requests). */
    private Supplier<GitCredentials> once(TeamId team) {
        GitCredentials[] opened = new GitCredentials[1];
        return () -> opened[0] != null ? opened[0] : (opened[0] = identities.credentials(team));
    }

    private Promotion refresh(TeamId team, PromptProject project, Promotion promotion,
                             Supplier<GitCredentials> credentials) {
        PullRequest pr = hosts.find(credentials.get(), repos.repoAt(promotion.repoUrl()), promotion.prNumber());
        Promotion now = promotion.checked(pr.state(), clock.instant(), pr.mergedAt(), pr.mergeCommitSha());
        store.save(team, now);
        if (promotion.state() == PullRequestState.OPEN && now.state() == PullRequestState.MERGED) {
            merged(team, project, now);
        } else if (promotion.state() == PullRequestState.OPEN && now.state() == PullRequestState.CLOSED) {
            audits.promotion(team, PromotionAudits.HOST, "pull_request_closed", now, null, project.name());
        }
        return now;
    }

    private void merged(TeamId team, PromptProject project, Promotion promotion) {
        if (promotion.kind() == Promotion.Kind.PROMPT && promotion.historyId() != null) {
            try {
                history.mark(team, Kind.PROMPT, project.id(), promotion.historyId());
            } catch (DomainException e) {
                LOG.info("Promoted entry {} of project {} is gone: {}", promotion.historyId(), project.id(),
                        e.getMessage());
            }
        }
        audits.promotion(team, PromotionAudits.HOST, "pull_request_merged", promotion, null, project.name());
        try {
            prodFiles.refresh(team, project);
        } catch (DomainException e) {
            LOG.warn("Production file of project {} not read after a merge: {}", project.id(), e.getMessage());
        }
    }

    @Serdeable
    public record Synced(@JsonProperty("project_id") long projectId,
                         int synced,
                         List<PromotionView> open,
                         List<PromotionView> merged,
                         List<PromotionView> closed,
                         List<String> errors) {
    }
}
