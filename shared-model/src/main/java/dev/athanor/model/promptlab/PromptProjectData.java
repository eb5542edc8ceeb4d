package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;

/**
 * A store that keeps data belonging to one prompt-lab project (history, backend tests, evaluations, test
 * settings). Deleting a project asks every such store to drop the project's data before the project itself goes,
 * so a new kind of project data cannot be forgotten by the cascade.
 */
public interface PromptProjectData {

    /** Removes everything this store keeps for the project; safe to repeat, a no-op when there is none. */
    void deleteProject(TeamId team, long projectId);
}
