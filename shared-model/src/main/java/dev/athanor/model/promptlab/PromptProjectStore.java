package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;

import java.util.List;
import java.util.Optional;

/** Port: a team's prompt-lab projects. */
public interface PromptProjectStore {

    /**
     * Creates a project with the team's next id.
     *
     * @throws ConflictException when the team has a project of that name
     */
    PromptProject create(TeamId team, PromptProjectDraft draft);

    Optional<PromptProject> find(TeamId team, long id);

    Optional<PromptProject> findByName(TeamId team, String name);

    /** Every project of the team, by id. */
    List<PromptProject> list(TeamId team);

    /**
     * Replaces the project's fields.
     *
     * @throws dev.athanor.model.error.NotFoundException when there is no such project
     * @throws ConflictException                         when another project has the new name
     */
    PromptProject update(TeamId team, long id, PromptProjectDraft draft);

    /** Removes the project alone (see {@link PromptHistoryStore#deleteProject} for its history); false when none. */
    boolean delete(TeamId team, long id);
}
