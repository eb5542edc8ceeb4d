package dev.athanor.model.orchestrator;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;

import java.util.List;
import java.util.Optional;

/**
 * Port: a team's orchestrator projects, at most one per {@link ProjectSlot}. Writes are conditional on the version
 * read (optimistic locking).
 */
public interface ProjectStore extends TeamData {

    /**
     * Stores a new project under a new UUID in the team's first free slot; a slot is taken atomically, so two
     * creates at once never share one.
     *
     * @throws dev.athanor.model.error.ConflictException when every slot is taken
     */
    Versioned<OrchestratorProject> create(TeamId team, ProjectDraft draft);

    Optional<Versioned<OrchestratorProject>> find(TeamId team, String id);

    /** The team's projects in slot order. */
    List<OrchestratorProject> list(TeamId team);

    /**
     * Replaces what the draft holds; the id, slot and creation time stay.
     *
     * @throws dev.athanor.model.error.ConflictException when the stored version is not {@code expectedVersion}
     * @throws dev.athanor.model.error.NotFoundException when there is no such project
     */
    Versioned<OrchestratorProject> update(TeamId team, String id, ProjectDraft draft, long expectedVersion);

    /** Removes the project and frees its slot; false when there was none. */
    boolean delete(TeamId team, String id);
}
