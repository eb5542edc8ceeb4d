package dev.athanor.model.orchestrator;

import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: a team's orchestrator tasks. Writes are conditional on the version read (optimistic locking). */
public interface TaskStore extends TeamData {

    /** Stores a new task under its id; returns it with its first version. */
    Versioned<OrchestratorTask> create(TeamId team, OrchestratorTask task);

    Optional<Versioned<OrchestratorTask>> find(TeamId team, String id);

    /**
     * Replaces the task.
     *
     * @throws dev.athanor.model.error.ConflictException when the stored version is not {@code expectedVersion}
     * @throws dev.athanor.model.error.NotFoundException when there is no such task
     */
    Versioned<OrchestratorTask> update(TeamId team, OrchestratorTask task, long expectedVersion);

    /**
     * A numbered page (from 1) of the team's tasks, newest first, of one project and/or status when given, and how
     * many match in all.
     */
    TaskPage list(TeamId team, String projectId, TaskStatus status, int page, int pageSize);

    /**
     * Every task of the team (of one project when given) created at or after {@code from}, newest first: what metrics
     * and estimates add up. A team has thousands of tasks, not millions.
     */
    List<OrchestratorTask> createdSince(TeamId team, String projectId, Instant from);

    /** What the project's tasks add up to. */
    ProjectTaskStats stats(TeamId team, String projectId);

    /** Removes every task of the project (when the project is deleted). */
    void deleteProject(TeamId team, String projectId);
}
