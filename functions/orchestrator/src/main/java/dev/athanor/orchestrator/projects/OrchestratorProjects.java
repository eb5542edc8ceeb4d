package dev.athanor.orchestrator.projects;

import dev.athanor.core.http.PathIds;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.OrchestratorProject;
import dev.athanor.model.orchestrator.ProjectConfiguration;
import dev.athanor.model.orchestrator.ProjectDraft;
import dev.athanor.model.orchestrator.ProjectStore;
import dev.athanor.model.orchestrator.ProjectTaskStats;
import dev.athanor.model.orchestrator.HrmStore;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.orchestrator.execution.TaskRuns;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A team's orchestrator projects, at most three (one per slot). A project's task figures come from its tasks; in a
 * function without a task store every project shows none. An id that is not a UUID, an unknown id and another
 * team's id are all answered alike (404 "Project not found"). Deleting a project removes its tasks first, then the
 * project, so a failure part-way leaves a project whose delete can simply be repeated.
 */
@Singleton
@Requires(beans = ProjectStore.class)
public class OrchestratorProjects {

    private final ProjectStore store;
    @Nullable
    private final TaskStore tasks;
    private final TaskRuns runs;
    @Nullable
    private final HrmStore hrm;

    OrchestratorProjects(ProjectStore store, @Nullable TaskStore tasks, @Nullable HrmStore hrm) {
        this(store, tasks, hrm, null);
    }

    /** @param runs where tasks run, when this function runs them: their runs and results go with them */
    @jakarta.inject.Inject
    OrchestratorProjects(ProjectStore store, @Nullable TaskStore tasks, @Nullable HrmStore hrm,
                         @Nullable TaskRuns runs) {
        this.runs = runs;
        this.store = store;
        this.tasks = tasks;
        this.hrm = hrm;
    }

    /** The team's projects in slot order. */
    public List<ProjectView> list(TeamId team) {
        return store.list(team).stream().map(project -> view(team, project)).toList();
    }

    public ProjectView get(TeamId team, String projectId) {
        return view(team, find(team, projectId).value());
    }

    /** @throws dev.athanor.model.error.ConflictException when the team's three slots are taken */
    public ProjectView create(TeamId team, RequestFields fields) {
        return view(team, store.create(team, ProjectInput.draft(fields, null)).value());
    }

    /** Changes the fields given; the configuration's parts given are merged into it. */
    public ProjectView update(TeamId team, String projectId, RequestFields fields) {
        Versioned<OrchestratorProject> current = find(team, projectId);
        ProjectDraft draft = ProjectInput.draft(fields, current.value());
        return save(team, current, draft);
    }

    /** Merges the configuration parts the body gives (the body is the configuration) into the project's. */
    public ProjectView updateConfig(TeamId team, String projectId, RequestFields fields) {
        Versioned<OrchestratorProject> current = find(team, projectId);
        ProjectConfiguration config = ConfigInput.merge(current.value().config(), fields.values(), "", fields);
        fields.check("configuration");
        ProjectDraft draft = ProjectDraft.of(current.value());
        return save(team, current, new ProjectDraft(draft.name(), draft.type(), draft.status(), draft.githubRepo(),
                config));
    }

    /** Removes the project's tasks and HRM configs, then the project; answers the project as it was. */
    public OrchestratorProject delete(TeamId team, String projectId) {
        OrchestratorProject project = find(team, projectId).value();
        if (runs != null) {
            runs.deleteProject(team, project.id());
        } else if (tasks != null) {
            tasks.deleteProject(team, project.id());
        }
        if (hrm != null) {
            hrm.deleteProject(team, project.id());
        }
        if (!store.delete(team, project.id())) {
            throw notFound();
        }
        return project;
    }

    private ProjectView save(TeamId team, Versioned<OrchestratorProject> current, ProjectDraft draft) {
        return view(team, store.update(team, current.value().id(), draft, current.version()).value());
    }

    private Versioned<OrchestratorProject> find(TeamId team, String projectId) {
        String id = PathIds.uuid(projectId, OrchestratorProjects::notFound);
        return store.find(team, id).orElseThrow(OrchestratorProjects::notFound);
    }

    private ProjectView view(TeamId team, OrchestratorProject project) {
        return ProjectView.of(project, tasks == null ? ProjectTaskStats.NONE : tasks.stats(team, project.id()));
    }

    static NotFoundException notFound() {
        return new NotFoundException("Project not found");
    }
}
