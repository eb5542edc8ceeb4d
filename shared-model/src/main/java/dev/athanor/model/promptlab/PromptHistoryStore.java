package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * Port: the prompt history and the backend-test history of a team's projects ({@link Kind} tells them apart; ids
 * are counted per project and kind).
 */
public interface PromptHistoryStore extends PromptProjectData {

    enum Kind { PROMPT, BACKEND }

    /** Appends an entry with the next id (the given entry's id is ignored) and returns it as stored. */
    PromptHistoryEntry add(TeamId team, Kind kind, PromptHistoryEntry entry);

    /**
     * A page of the project's entries of that kind, newest first.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the page's cursor is not one this list handed out
     *                                                       for this team, project and kind
     */
    Page<PromptHistoryEntry> list(TeamId team, Kind kind, long projectId, PageRequest page);

    /** The project's newest entry of that kind that is marked ({@code is_prod}, {@code is_test}), if any. */
    Optional<PromptHistoryEntry> newestMarked(TeamId team, Kind kind, long projectId);

    /** How many entries of that kind the project has, all or only the marked ones (counted, not read). */
    long count(TeamId team, Kind kind, long projectId, boolean markedOnly);

    Optional<PromptHistoryEntry> find(TeamId team, Kind kind, long projectId, long id);

    /**
     * Sets what is given (null leaves a field as it is).
     *
     * @throws dev.athanor.model.error.NotFoundException when there is no such entry
     */
    PromptHistoryEntry update(TeamId team, Kind kind, long projectId, long id, @Nullable Integer rating,
                              @Nullable String notes, @Nullable Boolean marked);

    /** Removes every entry of the project, of both kinds. */
    @Override
    void deleteProject(TeamId team, long projectId);
}
