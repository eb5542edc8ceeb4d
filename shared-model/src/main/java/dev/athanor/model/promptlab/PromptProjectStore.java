package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;

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

    /**
     * A page of the team's projects, by id.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the page's cursor is not one this list handed out
     *                                                       for this team
     */
    Page<PromptProject> list(TeamId team, PageRequest page);

    /** How many projects the team has (counted, not read). */
    long count(TeamId team);

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
