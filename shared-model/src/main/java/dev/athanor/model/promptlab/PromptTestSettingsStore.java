package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;

import java.util.Optional;

/** Port: the saved backend-test settings of a team's projects, one per project (last write wins). */
public interface PromptTestSettingsStore extends PromptProjectData {

    Optional<PromptTestSettings> find(TeamId team, long projectId);

    /** Replaces the project's settings and returns them as stored. */
    PromptTestSettings save(TeamId team, long projectId, PromptTestSettings settings);
}
