package dev.athanor.model.orchestrator;

import java.time.Instant;

/**
 * The GitHub webhook of an orchestrator project: GitHub posts the repository's issue events to a URL naming
 * {@code hookId}, signed with a secret kept sealed beside it (never part of this record).
 *
 * @param hookId    opaque and URL-safe; a rotation replaces it, so the old URL stops working with the old secret
 * @param createdAt when this hook id and secret were made
 */
public record GithubWebhook(String projectId, String hookId, Instant createdAt) {
}
