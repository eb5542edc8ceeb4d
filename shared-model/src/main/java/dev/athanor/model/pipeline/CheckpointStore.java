package dev.athanor.model.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/** Port: the team's approval checkpoints. */
public interface CheckpointStore {

    /** Records a new pending checkpoint; an existing one with the same id is left as it is. */
    Checkpoint open(TeamId team, Checkpoint checkpoint);

    Optional<Checkpoint> find(TeamId team, String id);

    /** @throws dev.athanor.model.error.ConflictException when it changed since it was read */
    Checkpoint save(TeamId team, Checkpoint checkpoint);

    /**
     * A page of the team's checkpoints, newest first: those of {@code status}, or of every status when it is null.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the page's cursor is not one this list handed out
     *                                                       for this team and status
     */
    Page<Checkpoint> list(TeamId team, @Nullable String status, PageRequest page);

    /** How many checkpoints of the team have {@code status} (counted, not read). */
    long count(TeamId team, String status);

    void deleteFor(TeamId team, String execution);
}
