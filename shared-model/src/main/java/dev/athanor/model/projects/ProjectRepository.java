package dev.athanor.model.projects;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;

import java.util.List;
import java.util.Optional;

/** Port: a team's projects, each stored with a version so racing writers cannot overwrite each other. */
public interface ProjectRepository {

    /** Every project of the team, in slug order (for figures over all of them; lists read {@link #page}). */
    List<Versioned<Project>> list(TeamId team);

    /**
     * A page of the team's projects, in slug order.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the page's cursor is not one this list handed out
     *                                                       for this team
     */
    Page<Versioned<Project>> page(TeamId team, PageRequest page);

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
