package dev.athanor.promptlab.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.webhook.HmacSignature;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.git.GitRepo;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.Promotion;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.promptlab.projects.PromptProjects;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Deliveries of the Git hosts' webhooks to a team. Each is authenticated as its host signs it, with the team's
 * webhook secret: GitHub {@code X-Hub-Signature-256: sha256=<hmac>}, Gitea {@code X-Gitea-Signature: <hmac>} (the
 * hex HMAC-SHA256 of the body), GitLab {@code X-Gitlab-Token: <secret>}. A delivery saying a pull (merge) request
 * was closed or merged makes the prompt lab read that request from the host (the delivery's word alone marks
 * nothing); a push makes it read the production files of the team's projects on that repository.
 */
@Singleton
@Requires(beans = PullRequests.class)
public class GitWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(GitWebhooks.class);
    private static final int PAGE = 100;

    private final GitIdentities identities;
    private final PullRequests pullRequests;
    private final ProdFiles prodFiles;
    private final PromptProjects projects;
    private final JsonMapper json;

    GitWebhooks(GitIdentities identities, PullRequests pullRequests, ProdFiles prodFiles, PromptProjects projects,
                JsonMapper json) {
        this.identities = identities;
        this.pullRequests = pullRequests;
        this.prodFiles = prodFiles;
        this.projects = projects;
        this.json = json;
    }

    /**
     * @throws UnauthorizedException when the team has no webhook secret or the delivery is not signed with it
     */
    public Delivered deliver(String teamId, HttpHeaders headers, byte[] body) {
        TeamId team;
        try {
            team = TeamId.of(teamId);
        } catch (IllegalArgumentException e) {
            throw notSigned();
        }
        String secret = identities.webhookSecret(team).orElseThrow(GitWebhooks::notSigned);
        String event;
        if (headers.contains("X-Gitea-Event")) {
            event = headers.get("X-Gitea-Event");
            if (!HmacSignature.valid(body, secret, "", headers.get("X-Gitea-Signature"))) {
                throw notSigned();
            }
        } else if (headers.contains("X-Gitlab-Event")) {
            event = headers.get("X-Gitlab-Event");
            if (!HmacSignature.sameSecret(secret, headers.get("X-Gitlab-Token"))) {
                throw notSigned();
            }
        } else {
            event = headers.get("X-GitHub-Event");
            if (!HmacSignature.valid(body, secret, "sha256=", headers.get("X-Hub-Signature-256"))) {
                throw notSigned();
            }
        }
        JsonNode payload = parse(body);
        if (payload == null || event == null) {
            return new Delivered(false, "The delivery is not a JSON event; ignored", null, null);
        }
        return switch (event) {
            case "ping" -> new Delivered(false, "pong", null, null);
            case "pull_request", "Merge Request Hook" -> pullRequest(team, payload);
            case "push", "Push Hook" -> push(team, payload);
            default -> new Delivered(false, "Event " + event + " is not used; ignored", null, null);
        };
    }

    private Delivered pullRequest(TeamId team, JsonNode payload) {
        JsonNode attributes = payload.get("object_attributes");
        long number;
        String repoPath;
        if (attributes != null) {
            number = longValue(attributes.get("iid"));
            repoPath = text(payload.get("project"), "path_with_namespace");
        } else {
            JsonNode pr = payload.get("pull_request");
            number = pr != null && pr.get("number") != null ? longValue(pr.get("number"))
                    : longValue(payload.get("number"));
            repoPath = text(payload.get("repository"), "full_name");
        }
        if (number <= 0 || repoPath == null) {
            return new Delivered(false, "The delivery names no pull request; ignored", null, null);
        }
        Optional<Promotion> promotion = pullRequests.refreshNamed(team, repoPath, number);
        return promotion.map(p -> new Delivered(true, "Pull request #" + number + " is " + p.state().wireName(),
                        number, p.state().wireName()))
                .orElseGet(() -> new Delivered(false, "Pull request #" + number + " of " + repoPath
                        + " is not an open promotion of this team; ignored", number, null));
    }

    private Delivered push(TeamId team, JsonNode payload) {
        String repoPath = Optional.ofNullable(text(payload.get("repository"), "full_name"))
                .orElseGet(() -> text(payload.get("project"), "path_with_namespace"));
        if (repoPath == null) {
            return new Delivered(false, "The delivery names no repository; ignored", null, null);
        }
        int refreshed = 0;
        String cursor = null;
        do {
            Page<PromptProject> page = projects.list(team, new PageRequest(PAGE, cursor));
            for (PromptProject project : page.items()) {
                boolean same = ProjectRepos.hasRepository(project) && GitRepo.parse(project.gitRepoUrl())
                        .map(repo -> repo.path().equalsIgnoreCase(repoPath)).orElse(false);
                if (same) {
                    try {
                        prodFiles.refresh(team, project);
                        refreshed++;
                    } catch (DomainException e) {
                        LOG.warn("Production file of project {} not read after a push: {}", project.id(),
                                e.getMessage());
                    }
                }
            }
            cursor = page.next();
        } while (cursor != null);
        return new Delivered(refreshed > 0, "Production files read again for " + refreshed + " project(s)", null,
                null);
    }

    @Nullable
    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readValue(body, JsonNode.class);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Nullable
    private static String text(@Nullable JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    private static long longValue(@Nullable JsonNode node) {
        return node != null && node.isNumber() ? node.getLongValue() : -1;
    }

    private static UnauthorizedException notSigned() {
        return new UnauthorizedException("The delivery is not signed with this team's webhook secret");
    }

    @Serdeable
    public record Delivered(boolean applied,
                            String message,
                            @JsonProperty("pr_number") @Nullable Long prNumber,
                            @Nullable String status) {
    }
}
