package dev.athanor.model.hitl;

import dev.athanor.model.TeamId;

import java.util.List;
import java.util.Optional;

/** Port: the lessons proposed to a team, pending or decided. */
public interface ExperienceStore {

    /** Records a pending lesson; one with the same id is left as it is. */
    Experience open(TeamId team, Experience experience);

    Optional<Experience> find(TeamId team, String id);

    /** @throws dev.athanor.model.error.ConflictException when it changed since it was read */
    Experience save(TeamId team, Experience experience);

    /** Newest first. */
    List<Experience> list(TeamId team);
}
