package dev.athanor.promptlab.projects;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.promptlab.PromptProject;
import io.micronaut.core.annotation.Nullable;

/**
 * Told of each project created or changed through the API, after it is stored. A listener's failure must not undo
 * the change: listeners record their own failures.
 */
public interface ProjectListener {

    /** @param before the project as it was; null for a new project */
    void saved(TeamPrincipal principal, @Nullable PromptProject before, PromptProject after);
}
