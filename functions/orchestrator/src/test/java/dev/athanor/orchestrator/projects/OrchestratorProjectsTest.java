package dev.athanor.orchestrator.projects;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.orchestrator.OrchestratorProject;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.ProjectDraft;
import dev.athanor.model.orchestrator.ProjectSlot;
import dev.athanor.model.orchestrator.ProjectStore;
import dev.athanor.model.orchestrator.ProjectTaskStats;
import dev.athanor.model.orchestrator.TaskPage;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A project's task figures and the removal of its tasks, with and without a task store in the function. */
class OrchestratorProjectsTest {

    private static final TeamId TEAM = TeamId.of("team");
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final List<String> calls = new ArrayList<>();
    private final MemoryProjects store = new MemoryProjects(calls);

    private static RequestFields body(String json) {
        return RequestFields.parse(JSON, json);
    }

    @Test
    void a_project_shows_what_its_tasks_add_up_to_and_its_delete_removes_the_tasks_first() {
        OrchestratorProjects projects = new OrchestratorProjects(store, new StatsOnly(calls,
                new ProjectTaskStats(10, 8, 0.87, 12.5)), null);
        ProjectView created = projects.create(TEAM, body("{\"name\": \"p\"}"));

        ProjectView read = projects.get(TEAM, created.id());
        projects.delete(TEAM, created.id());

        assertEquals(List.of(10L, 8L), List.of(read.totalTasks(), read.successfulTasks()));
        assertEquals(List.of(0.87, 12.5), List.of(read.avgQuality(), read.totalCost()));
        assertEquals(List.of("stats " + created.id(), "stats " + created.id(), "tasks deleted " + created.id(),
                "project deleted " + created.id()), calls);
    }

    @Test
    void without_a_task_store_a_project_shows_no_tasks_and_deletes_alone() {
        OrchestratorProjects projects = new OrchestratorProjects(store, null, null);
        ProjectView created = projects.create(TEAM, body("{\"name\": \"p\"}"));

        projects.delete(TEAM, created.id());

        assertEquals(List.of(0L, 0L, 0.0, 0.0), List.of(created.totalTasks(), created.successfulTasks(),
                created.avgQuality(), created.totalCost()));
        assertEquals(List.of("project deleted " + created.id()), calls);
    }

    /** Projects in memory, each in slot A (these tests need one at a time). */
    private record MemoryProjects(List<String> calls, Map<String, OrchestratorProject> projects)
            implements ProjectStore {

        MemoryProjects(List<String> calls) {
            this(calls, new LinkedHashMap<>());
        }

        @Override
        public Versioned<OrchestratorProject> create(TeamId team, ProjectDraft draft) {
            Instant now = Instant.parse("2026-01-01T00:00:00Z");
            OrchestratorProject project = new OrchestratorProject(UUID.randomUUID().toString(), draft.name(),
                    draft.type(), draft.status(), draft.githubRepo(), ProjectSlot.A, draft.config(), now, now);
            projects.put(project.id(), project);
            return new Versioned<>(project, 1);
        }

        @Override
        public Optional<Versioned<OrchestratorProject>> find(TeamId team, String id) {
            return Optional.ofNullable(projects.get(id)).map(project -> new Versioned<>(project, 1));
        }

        @Override
        public List<OrchestratorProject> list(TeamId team) {
            return List.copyOf(projects.values());
        }

        @Override
        public Versioned<OrchestratorProject> update(TeamId team, String id, ProjectDraft draft,
                                                      long expectedVersion) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(TeamId team, String id) {
            calls.add("project deleted " + id);
            return projects.remove(id) != null;
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public void wipe(TeamId team) {
            projects.clear();
        }
    }

    /** Answers the same figures for every project and records what it is asked. */
    private record StatsOnly(List<String> calls, ProjectTaskStats stats) implements TaskStore {

        @Override
        public List<OrchestratorTask> createdSince(TeamId team, String projectId, java.time.Instant from) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProjectTaskStats stats(TeamId team, String projectId) {
            calls.add("stats " + projectId);
            return stats;
        }

        @Override
        public void deleteProject(TeamId team, String projectId) {
            calls.add("tasks deleted " + projectId);
        }

        @Override
        public Versioned<OrchestratorTask> create(TeamId team, OrchestratorTask task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Versioned<OrchestratorTask>> find(TeamId team, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Versioned<OrchestratorTask> update(TeamId team, OrchestratorTask task, long expectedVersion) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskPage list(TeamId team, String projectId, TaskStatus status, int page, int pageSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String name() {
            return "stats";
        }

        @Override
        public void wipe(TeamId team) {
        }
    }
}
