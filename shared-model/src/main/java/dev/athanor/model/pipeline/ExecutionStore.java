package dev.athanor.model.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where executions are kept, one item per execution, written only from the version last read. */
public interface ExecutionStore {

    Optional<StoredExecution> find(TeamId team, String id);

    /** What a list shows of one execution: its summary alone is read back, never the execution. */
    Optional<ExecutionSummary> findSummary(TeamId team, String id);

    /** @throws dev.athanor.model.error.ConflictException when an execution with that id exists */
    StoredExecution create(TeamId team, StoredExecution execution);

    /**
     * Writes {@code execution} if the stored version is still {@code execution.version()}.
     *
     * @return the execution as stored, with its new version
     * @throws dev.athanor.model.error.ConflictException when another writer got there first
     */
    StoredExecution save(TeamId team, StoredExecution execution);

    /**
     * A page of the team's executions of one pipeline, newest first, as lists show them: their summaries only, never
     * the executions themselves. Read from an index that may lag the latest writes by a moment.
     *
     * @throws dev.athanor.model.error.InvalidInputException when the page's cursor is not one this list handed out
     *                                                       for this team and pipeline
     */
    Page<ExecutionSummary> summaries(TeamId team, String pipeline, PageRequest page);

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
