package dev.athanor.model.projects;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;

import java.util.List;
import java.util.Optional;

/** Port: a team's projects, each stored with a version so racing writers cannot overwrite each other. */
public interface ProjectRepository {

    /** Every project of the team, in slug order. */
    List<Versioned<Project>> list(TeamId team);

    Optional<Versioned<Project>> find(TeamId team, String slug);

    /**
     * Stores the project under its slug. {@code expectedVersion} is the version the caller read, or {@code null} to
     * create it.
     *
     * @throws ConflictException when the stored version is not {@code expectedVersion} (or, on create, when the
     *                           project already exists)
     */
    Versioned<Project> save(TeamId team, Project project, Long expectedVersion);

    /** Removes the project; false when there was none. */
    boolean delete(TeamId team, String slug);
}
