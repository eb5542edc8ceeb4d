package dev.athanor.orchestrator.github;

import dev.athanor.core.auth.accounts.AccountSettings;
import dev.athanor.core.http.PathIds;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.GithubWebhook;
import dev.athanor.model.orchestrator.GithubWebhookStore;
import dev.athanor.model.orchestrator.OrchestratorProject;
import dev.athanor.model.orchestrator.ProjectStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A project's GitHub webhook, managed by its team: made (or remade, which replaces the hook id and the secret at
 * once, so the old URL stops working), read and removed. Only a project with a {@code github_repo} can have one, as
 * deliveries are checked against it. The payload URL is built on {@code athanor.auth.public-url} when it is set
 * (behind API Gateway the request does not show the stage's path), else on the request's own scheme and host.
 */
@Singleton
@Requires(beans = GithubWebhookStore.class)
public class GithubWebhooks {

    static final String DELIVERY_PATH = "/api/webhooks/github/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GithubWebhookStore hooks;
    private final ProjectStore projects;
    private final AccountSettings settings;
    private final Clock clock;

    GithubWebhooks(GithubWebhookStore hooks, ProjectStore projects, AccountSettings settings, Clock clock) {
        this.hooks = hooks;
        this.projects = projects;
        this.settings = settings;
        this.clock = clock;
    }

    /** A new hook id and secret for the project; the answer is the only place the secret is ever shown. */
    public WebhookView create(TeamId team, String projectId, HttpRequest<?> request) {
        OrchestratorProject project = project(team, projectId);
        if (project.githubRepo() == null || project.githubRepo().isBlank()) {
            throw new InvalidInputException("Invalid project: github_repo is required for a GitHub webhook; set "
                    + "the project's repository first", Map.of("github_repo", List.of("is required")));
        }
        String secret = HexFormat.of().formatHex(random(32));
        GithubWebhook hook = hooks.save(team, new GithubWebhook(project.id(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(random(16)),
                clock.instant().truncatedTo(ChronoUnit.MILLIS)), secret);
        return view(hook, project, secret, request);
    }

    public WebhookView get(TeamId team, String projectId, HttpRequest<?> request) {
        OrchestratorProject project = project(team, projectId);
        GithubWebhook hook = hooks.find(team, project.id()).orElseThrow(GithubWebhooks::notFound);
        return view(hook, project, null, request);
    }

    public void delete(TeamId team, String projectId) {
        if (!hooks.delete(team, project(team, projectId).id())) {
            throw notFound();
        }
    }

    private OrchestratorProject project(TeamId team, String projectId) {
        String id = PathIds.uuid(projectId, () -> new NotFoundException("Project not found"));
        return projects.find(team, id).orElseThrow(() -> new NotFoundException("Project not found")).value();
    }

    private WebhookView view(GithubWebhook hook, OrchestratorProject project, String secret,
                             HttpRequest<?> request) {
        return new WebhookView(base(request) + DELIVERY_PATH + hook.hookId(), secret, true, WebhookView.CONTENT_TYPE,
                WebhookView.EVENTS, project.id(), project.githubRepo(), hook.createdAt().toString());
    }

    String base(HttpRequest<?> request) {
        String configured = settings.getPublicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.strip().replaceAll("/+$", "");
        }
        String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        String scheme = forwarded != null && !forwarded.isBlank() ? forwarded.split(",")[0].strip()
                : request.isSecure() ? "https" : "http";
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return scheme + "://" + (host == null || host.isBlank() ? "localhost" : host.strip());
    }

    private static byte[] random(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static NotFoundException notFound() {
        return new NotFoundException("GitHub webhook not found");
    }
}
