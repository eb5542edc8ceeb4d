package dev.athanor.orchestrator.tasks;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskPage;
import dev.athanor.model.orchestrator.TaskStore;
import jakarta.inject.Singleton;

/** Reading a team's tasks. Tasks are written by the execution engine, not through these routes. */
@Singleton
public class Tasks {

    private final TaskStore store;

    Tasks(TaskStore store) {
        this.store = store;
    }

    TaskPage list(TeamId team, TaskQuery query) {
        return store.list(team, query.projectId(), query.status(), query.page(), query.pageSize());
    }

    /** @throws NotFoundException when the team has no such task */
    OrchestratorTask get(TeamId team, String id) {
        return store.find(team, id).orElseThrow(Tasks::notFound).value();
    }

    /** The same answer for an unknown id, another team's and one that cannot be an id; none is echoed. */
    static NotFoundException notFound() {
        return new NotFoundException("Task not found");
    }
}
