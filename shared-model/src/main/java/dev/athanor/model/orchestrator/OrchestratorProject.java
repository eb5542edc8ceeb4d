package dev.athanor.model.orchestrator;

import java.time.Instant;

/**
 * A project of the orchestrator (seed 002's Project model, without the task figures, which its tasks give). Ids are
 * UUID strings.
 *
 * @param githubRepo the repository's http(s) URL, or null
 */
public record OrchestratorProject(String id, String name, ProjectType type, ProjectStatus status, String githubRepo,
                                  ProjectSlot slot, ProjectConfiguration config, Instant createdAt,
                                  Instant updatedAt) {
}
