package dev.athanor.model.orchestrator;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: the GitHub webhooks of a team's orchestrator projects (at most one per project, its secret kept sealed), and
 * the deliveries already processed, remembered for a while so that a replayed one is refused.
 */
public interface GithubWebhookStore extends TeamData {

    /** The project a hook id leads to, with what a delivery to it is checked against. */
    record Target(TeamId team, String projectId, String githubRepo, String secret) {
    }

    /**
     * Gives the project this hook and secret, replacing the ones it had.
     *
     * @throws dev.athanor.model.error.NotFoundException when the team has no such project
     * @throws dev.athanor.model.error.ConflictException when the project changed while the hook was written
     */
    GithubWebhook save(TeamId team, GithubWebhook hook, String secret);

    Optional<GithubWebhook> find(TeamId team, String projectId);

    /** Removes the project's hook; false when it had none. */
    boolean delete(TeamId team, String projectId);

    /** The project whose hook has this id, whichever team it belongs to, with the secret in plain text. */
    Optional<Target> target(String hookId);

    /** Whether the team has processed the delivery with this id and still remembers it. */
    boolean delivered(TeamId team, String deliveryId);

    /** Remembers the team's delivery until {@code forgetAt}; remembering it again changes nothing. */
    void remember(TeamId team, String deliveryId, Instant forgetAt);
}
