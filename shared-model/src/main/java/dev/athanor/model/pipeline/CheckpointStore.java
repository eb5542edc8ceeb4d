package dev.athanor.model.pipeline;

import dev.athanor.model.TeamId;

import java.util.List;
import java.util.Optional;

/** Port: the team's approval checkpoints. */
public interface CheckpointStore {

    /** Records a new pending checkpoint; an existing one with the same id is left as it is. */
    Checkpoint open(TeamId team, Checkpoint checkpoint);

    Optional<Checkpoint> find(TeamId team, String id);

    /** @throws dev.athanor.model.error.ConflictException when it changed since it was read */
    Checkpoint save(TeamId team, Checkpoint checkpoint);

    /** Newest first. */
    List<Checkpoint> list(TeamId team);

    void deleteFor(TeamId team, String execution);
}
