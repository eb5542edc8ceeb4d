package dev.athanor.orchestrator.tasks;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskPage;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.model.artifacts.ArtifactStore;
import dev.athanor.orchestrator.execution.TaskPipeline;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reading a team's tasks. Tasks are written as they run (see the execution package). */
@Singleton
public class Tasks {

    private final TaskStore store;
    private final ArtifactStore artifacts;

    Tasks(TaskStore store, ArtifactStore artifacts) {
        this.store = store;
        this.artifacts = artifacts;
    }

    /** @throws NotFoundException when the team has no such task */
    List<IterationView> iterations(TeamId team, String id) {
        return get(team, id).iterations().stream().map(i -> IterationView.of(i, artifacts.get(team,
                TaskPipeline.contentKey(id, i.run(), i.iteration())).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse(null))).toList();
    }

    TaskPage list(TeamId team, TaskQuery query) {
        return store.list(team, query.projectId(), query.status(), query.page(), query.pageSize());
    }

    /** @throws NotFoundException when the team has no such task */
    OrchestratorTask get(TeamId team, String id) {
        return store.find(team, id).orElseThrow(Tasks::notFound).value();
    }

    /** The same answer for an unknown id, another team's and one that cannot be an id; none is echoed. */
    public static NotFoundException notFound() {
        return new NotFoundException("Task not found");
    }
}
