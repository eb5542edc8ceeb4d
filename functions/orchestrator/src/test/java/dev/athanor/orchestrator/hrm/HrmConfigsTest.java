package dev.athanor.orchestrator.hrm;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.live.LiveEvents;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.HrmHistoryEntry;
import dev.athanor.model.orchestrator.HrmPreset;
import dev.athanor.model.orchestrator.HrmStore;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.ProjectTaskStats;
import dev.athanor.model.orchestrator.StoredHrmConfig;
import dev.athanor.model.orchestrator.TaskPage;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applying a config to a project's running tasks and checking tasks, on a task store (whose DynamoDB adapter is not
 * part of this function yet) and an HRM store kept in memory.
 */
class HrmConfigsTest {

    private static final TeamId TEAM = TeamId.of("team-1");
    private static final TeamPrincipal CALLER = new TeamPrincipal(TEAM, Roles.MEMBER, "user-1", "user-1", null);
    private static final String PROJECT = UUID.randomUUID().toString();
    private static final HrmPreset SPEED = BuiltinPresets.find("speed");

    private final MemoryHrmStore store = new MemoryHrmStore();
    private final MemoryTaskStore tasks = new MemoryTaskStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-04T12:00:00Z"), ZoneOffset.UTC);
    private final HrmConfigs configs = new HrmConfigs(store, null, tasks, new HrmImpacts(tasks, clock),
            new LiveEvents(Optional.empty(), JsonMapper.createDefault(), clock), clock);

    private AppliedView applySpeed(String taskId, boolean immediately) {
        return configs.apply(CALLER, HrmConfigs.scope(PROJECT, taskId), current -> SPEED.config(),
                new HrmConfigs.Source(HrmHistoryEntry.PRESET, SPEED.id(), SPEED.name()), immediately, true);
    }

    @Test
    void applied_immediately_a_projects_config_is_written_to_each_of_its_running_tasks_alone() {
        String running = tasks.add(PROJECT, TaskStatus.IN_PROGRESS);
        String another = tasks.add(PROJECT, TaskStatus.IN_PROGRESS);
        String pending = tasks.add(PROJECT, TaskStatus.PENDING);
        String elsewhere = tasks.add(UUID.randomUUID().toString(), TaskStatus.IN_PROGRESS);

        AppliedView applied = applySpeed(null, true);

        assertEquals(2, applied.activeTasksAffected());
        assertEquals(SPEED.config(), store.findConfig(TEAM, PROJECT, running).orElseThrow().value().config());
        assertEquals(SPEED.config(), store.findConfig(TEAM, PROJECT, another).orElseThrow().value().config());
        assertTrue(store.findConfig(TEAM, PROJECT, pending).isEmpty());
        assertTrue(store.findConfig(TEAM, PROJECT, elsewhere).isEmpty());
        String taskConfig = store.findConfig(TEAM, PROJECT, running).orElseThrow().value().configId();
        HrmHistoryEntry entry = store.history(TEAM, taskConfig, PageRequest.first(10)).items().get(0);
        assertEquals("speed", entry.presetName());
        assertEquals(running, entry.taskId());
        assertEquals(SPEED.config(), configs.effectiveConfig(TEAM, PROJECT, pending), "through its project");
    }

    @Test
    void a_running_tasks_own_config_is_replaced_when_applied_immediately_and_kept_otherwise() {
        String running = tasks.add(PROJECT, TaskStatus.IN_PROGRESS);
        configs.apply(CALLER, HrmConfigs.scope(PROJECT, running), current -> BuiltinPresets.find("quality_first")
                .config(), HrmConfigs.Source.MANUAL, false, true);

        AppliedView later = applySpeed(null, false);
        HrmConfig kept = configs.effectiveConfig(TEAM, PROJECT, running);
        AppliedView now = applySpeed(null, true);

        assertEquals(0, later.activeTasksAffected());
        assertEquals(BuiltinPresets.find("quality_first").config(), kept);
        assertEquals(1, now.activeTasksAffected());
        assertEquals(SPEED.config(), configs.effectiveConfig(TEAM, PROJECT, running));
    }

    @Test
    void a_task_must_be_one_of_the_projects_and_counts_as_affected_while_it_runs() {
        String running = tasks.add(PROJECT, TaskStatus.IN_PROGRESS);
        String done = tasks.add(PROJECT, TaskStatus.COMPLETED);
        String elsewhere = tasks.add(UUID.randomUUID().toString(), TaskStatus.IN_PROGRESS);

        assertEquals(1, applySpeed(running, false).activeTasksAffected());
        assertEquals(0, applySpeed(done, false).activeTasksAffected());
        assertThrows(NotFoundException.class, () -> applySpeed(elsewhere, false));
        assertThrows(NotFoundException.class, () -> applySpeed(UUID.randomUUID().toString(), false));
        assertTrue(store.findConfig(TEAM, PROJECT, elsewhere).isEmpty());
    }

    /** Tasks of {@link #TEAM}, newest last. */
    private static final class MemoryTaskStore implements TaskStore {

        private final List<OrchestratorTask> tasks = new ArrayList<>();

        String add(String projectId, TaskStatus status) {
            String id = UUID.randomUUID().toString();
            Instant now = Instant.now();
            tasks.add(new OrchestratorTask(id, projectId, null, "t", null, List.of(), status, null, 0, 0, 5, 0,
                    null, false, 0, null, null, null, 0, null, now, now));
            return id;
        }

        @Override
        public Optional<Versioned<OrchestratorTask>> find(TeamId team, String id) {
            return tasks.stream().filter(t -> t.id().equals(id)).findFirst().map(t -> new Versioned<>(t, 1));
        }

        /** One task a page, so paging is gone through. */
        @Override
        public TaskPage list(TeamId team, String projectId, TaskStatus status, int page, int pageSize) {
            List<OrchestratorTask> found = tasks.stream()
                    .filter(t -> t.projectId().equals(projectId) && t.status() == status).toList();
            return new TaskPage(found.size() < page ? List.of() : List.of(found.get(page - 1)), found.size(), page, 1);
        }

        @Override
        public Versioned<OrchestratorTask> create(TeamId team, OrchestratorTask task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Versioned<OrchestratorTask> update(TeamId team, OrchestratorTask task, long expectedVersion) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<OrchestratorTask> createdSince(TeamId team, String projectId, java.time.Instant from) {
            return tasks.stream().filter(t -> t.projectId().equals(projectId)).toList();
        }

        @Override
        public ProjectTaskStats stats(TeamId team, String projectId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteProject(TeamId team, String projectId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String name() {
            return "tasks";
        }

        @Override
        public void wipe(TeamId team) {
            tasks.clear();
        }
    }

    /** Configs and history of {@link #TEAM}; presets are not used here. */
    private static final class MemoryHrmStore implements HrmStore {

        private final Map<String, Versioned<StoredHrmConfig>> configs = new HashMap<>();
        private final List<HrmHistoryEntry> history = new ArrayList<>();

        @Override
        public Optional<Versioned<StoredHrmConfig>> findConfig(TeamId team, String projectId, String taskId) {
            return Optional.ofNullable(configs.get(projectId + "/" + taskId));
        }

        @Override
        public Versioned<StoredHrmConfig> saveConfig(TeamId team, StoredHrmConfig config, Long expectedVersion,
                                                     HrmHistoryEntry entry) {
            String key = config.projectId() + "/" + config.taskId();
            Long stored = Optional.ofNullable(configs.get(key)).map(Versioned::version).orElse(null);
            if (!java.util.Objects.equals(stored, expectedVersion)) {
                throw new ConflictException("changed");
            }
            Versioned<StoredHrmConfig> saved = new Versioned<>(config, stored == null ? 1 : stored + 1);
            configs.put(key, saved);
            history.add(0, entry);
            return saved;
        }

        @Override
        public Page<HrmHistoryEntry> history(TeamId team, String configId, PageRequest page) {
            return Page.last(history.stream().filter(e -> e.configId().equals(configId)).toList());
        }

        @Override
        public void deleteProject(TeamId team, String projectId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public HrmPreset createPreset(TeamId team, HrmPreset preset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Versioned<HrmPreset>> findPreset(TeamId team, String id) {
            return Optional.empty();
        }

        @Override
        public List<HrmPreset> presets(TeamId team) {
            return List.of();
        }

        @Override
        public HrmPreset updatePreset(TeamId team, HrmPreset preset, long expectedVersion) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deletePreset(TeamId team, String id) {
            return false;
        }

        @Override
        public void countUse(TeamId team, String presetId) {
        }

        @Override
        public Map<String, Long> uses(TeamId team) {
            return Map.of();
        }

        @Override
        public String name() {
            return "hrm";
        }

        @Override
        public void wipe(TeamId team) {
            configs.clear();
        }
    }
}
