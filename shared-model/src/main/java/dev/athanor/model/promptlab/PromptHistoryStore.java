package dev.athanor.model.promptlab;

import dev.athanor.model.TeamId;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Optional;

/**
 * Port: the prompt history and the backend-test history of a team's projects ({@link Kind} tells them apart; ids
 * are counted per project and kind).
 */
public interface PromptHistoryStore extends PromptProjectData {

    enum Kind { PROMPT, BACKEND }

    /** Appends an entry with the next id (the given entry's id is ignored) and returns it as stored. */
    PromptHistoryEntry add(TeamId team, Kind kind, PromptHistoryEntry entry);

    /** The project's entries of that kind, newest first. */
    List<PromptHistoryEntry> list(TeamId team, Kind kind, long projectId);

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
