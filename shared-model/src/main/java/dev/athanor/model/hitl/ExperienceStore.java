package dev.athanor.model.hitl;

import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/** Port: the lessons proposed to a team, pending or decided. */
public interface ExperienceStore {

    /** Records a pending lesson; one with the same id is left as it is. */
    Experience open(TeamId team, Experience experience);

    Optional<Experience> find(TeamId team, String id);

    /** @throws dev.athanor.model.error.ConflictException when it changed since it was read */
    Experience save(TeamId team, Experience experience);

    /**
     * A page of the team's lessons, newest first: those of {@code status}, or of every status when it is null.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the page's cursor is not one this list handed out
     *                                                       for this team and status
     */
    Page<Experience> list(TeamId team, @Nullable String status, PageRequest page);

    /** How many lessons of the team have {@code status} (counted, not read). */
    long count(TeamId team, String status);
}
