package dev.athanor.model.pipeline;

import dev.athanor.model.TeamId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where executions are kept, one item per execution, written only from the version last read. */
public interface ExecutionStore {

    Optional<StoredExecution> find(TeamId team, String id);

    /** @throws dev.athanor.model.error.ConflictException when an execution with that id exists */
    StoredExecution create(TeamId team, StoredExecution execution);

    /**
     * Writes {@code execution} if the stored version is still {@code execution.version()}.
     *
     * @return the execution as stored, with its new version
     * @throws dev.athanor.model.error.ConflictException when another writer got there first
     */
    StoredExecution save(TeamId team, StoredExecution execution);

    /** The team's executions of one pipeline, oldest id first. */
    List<StoredExecution> list(TeamId team, String pipeline);

    boolean delete(TeamId team, String id);

    /**
     * Executions of {@code pipeline}, of every team, whose {@link StoredExecution#dueAt} is at or before {@code now},
     * earliest first, at most {@code limit}. Read from an index that may lag the latest writes by a moment: read each
     * one again.
     */
    List<Key> due(String pipeline, Instant now, int limit);

    /** Where one execution is kept. */
    record Key(TeamId team, String id) {
    }
}
