package dev.athanor.orchestrator.github;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.MalformedInputException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.orchestrator.GithubWebhookStore;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.model.secrets.SealedSecretException;
import dev.athanor.orchestrator.execution.TaskStarts;
import dev.athanor.orchestrator.github.DeliveryAnswers.Answer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A delivery of a project's GitHub webhook. It must name a hook that exists and carry the signature of its exact
 * body under that hook's secret, and its delivery id must not have been processed in the last
 * {@link #REMEMBERED} (401 otherwise, and nothing happens). A ping is answered; an {@code issues} event of the
 * project's repository that opens, reopens or labels an issue (not a pull request) makes the issue's task and starts
 * it; anything else is acknowledged and ignored. The task's id derives from the project and the issue number, so an
 * issue makes one task however often GitHub sends it. The delivery id is remembered only once the delivery was
 * processed, so a delivery that failed can be redelivered.
 */
@Singleton
@Requires(beans = {GithubWebhookStore.class, TaskStore.class})
public class GithubDeliveries {

    static final Duration REMEMBERED = Duration.ofDays(7);
    static final Set<String> TASK_ACTIONS = Set.of("opened", "reopened", "labeled");
    private static final Pattern HOOK_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9-]{1,100}");

    private final GithubWebhookStore hooks;
    private final TaskStore tasks;
    private final TaskStarts starts;
    private final JsonMapper json;
    private final Clock clock;

    GithubDeliveries(GithubWebhookStore hooks, TaskStore tasks, TaskStarts starts, JsonMapper json, Clock clock) {
        this.hooks = hooks;
        this.tasks = tasks;
        this.starts = starts;
        this.json = json;
        this.clock = clock;
    }

    Answer deliver(String hookId, @Nullable String signature, @Nullable String event, @Nullable String deliveryId,
                   byte[] body) {
        GithubWebhookStore.Target target = target(hookId);
        if (signature == null || signature.isBlank()) {
            throw new UnauthorizedException("The delivery is not signed: " + DeliverySignature.HEADER
                    + " is missing (give the webhook its secret on GitHub)");
        }
        if (!DeliverySignature.valid(body, target.secret(), signature)) {
            throw new UnauthorizedException("The delivery's signature does not match: " + DeliverySignature.HEADER
                    + " is not the body's HMAC under the webhook's secret");
        }
        if (deliveryId == null || !DELIVERY_ID.matcher(deliveryId).matches()) {
            throw new UnauthorizedException("X-GitHub-Delivery is missing or not a delivery id, so the delivery "
                    + "cannot be told from a replay");
        }
        if (hooks.delivered(target.team(), deliveryId)) {
            throw new UnauthorizedException("This delivery was replayed: " + deliveryId + " was processed already");
        }
        Answer answer = handle(target, event, payload(body));
        hooks.remember(target.team(), deliveryId, clock.instant().plus(REMEMBERED));
        return answer;
    }

    private GithubWebhookStore.Target target(@Nullable String hookId) {
        Optional<GithubWebhookStore.Target> target;
        try {
            target = hookId != null && HOOK_ID.matcher(hookId).matches() ? hooks.target(hookId) : Optional.empty();
        } catch (SealedSecretException unreadable) {
            // without its secret no delivery can be verified; a new secret is the way out
            throw new UnauthorizedException("This GitHub webhook's secret cannot be read; remake the webhook with "
                    + "POST /api/projects/{id}/github-webhook");
        }
        return target.orElseThrow(() -> new UnauthorizedException("No GitHub webhook has this URL; make one with "
                + "POST /api/projects/{id}/github-webhook"));
    }

    private Answer handle(GithubWebhookStore.Target target, @Nullable String event, JsonNode payload) {
        if (event == null || event.isBlank()) {
            throw new InvalidInputException("Invalid delivery: X-GitHub-Event is required",
                    Map.of("X-GitHub-Event", List.of("is required")));
        }
        return switch (event.strip()) {
            case "ping" -> {
                String repository = IssueEvent.repository(payload);
                if (repository != null) {
                    sameRepository(target, repository);
                }
                yield new Answer(HttpStatus.OK, new DeliveryAnswers.Pong(true, IssueEvent.text(payload, "zen"),
                        target.projectId()));
            }
            case "issues" -> issue(target, IssueEvent.read(payload));
            default -> ignored("event " + event.strip() + " makes no task; only issues events do");
        };
    }

    private Answer issue(GithubWebhookStore.Target target, IssueEvent issue) {
        if (issue.repository() == null) {
            throw new InvalidInputException("Invalid issues event: repository is required",
                    Map.of("repository", List.of("is required")));
        }
        sameRepository(target, issue.repository());
        if (issue.pullRequest()) {
            return ignored("issue #" + issue.number() + " is a pull request, not an issue");
        }
        if (!TASK_ACTIONS.contains(issue.action())) {
            return ignored("action " + issue.action() + " makes no task; opened, reopened and labeled do");
        }
        TeamId team = target.team();
        String taskId = taskId(target.projectId(), issue.number());
        Optional<Versioned<OrchestratorTask>> existing = tasks.find(team, taskId);
        if (existing.isPresent()) {
            return made(HttpStatus.OK, existing.get().value());
        }
        LabelRouting.Route route = LabelRouting.of(issue.labels());
        try {
            return made(HttpStatus.CREATED, starts.start(team, new TaskStarts.NewTask(taskId, target.projectId(),
                    issue.number(), issue.title(), issue.body(), issue.labels(), route.taskType(), List.of(), null,
                    route.requiresSecurity())).task());
        } catch (ConflictException createdMeanwhile) {
            // the same issue's other delivery made it first
            return tasks.find(team, taskId).map(task -> made(HttpStatus.OK, task.value()))
                    .orElseThrow(() -> createdMeanwhile);
        }
    }

    /** The task of a project's issue: a name-based UUID, the same for every delivery about the issue. */
    static String taskId(String projectId, int issueNumber) {
        return UUID.nameUUIDFromBytes(("github-issue/" + projectId + "/" + issueNumber)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void sameRepository(GithubWebhookStore.Target target, String repository) {
        Optional<GithubRepos.Repo> project = GithubRepos.parse(target.githubRepo());
        Optional<GithubRepos.Repo> delivered = GithubRepos.parse(repository);
        if (project.isEmpty() || delivered.isEmpty() || !project.get().same(delivered.get())) {
            throw new InvalidInputException("The delivery is about repository " + repository
                    + ", not the project's github_repo " + target.githubRepo(),
                    Map.of("repository", List.of("is not the project's github_repo")));
        }
    }

    private JsonNode payload(byte[] body) {
        JsonNode payload;
        try {
            payload = json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new MalformedInputException("The body is not valid JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new InvalidInputException("The body must be a JSON object");
        }
        return payload;
    }

    private static Answer made(HttpStatus status, OrchestratorTask task) {
        return new Answer(status, new DeliveryAnswers.TaskMade(task.id(), task.taskType(),
                task.status().wireName()));
    }

    private static Answer ignored(String why) {
        return new Answer(HttpStatus.ACCEPTED, new DeliveryAnswers.Ignored(why));
    }
}
