package dev.athanor.orchestrator.hrm;

import dev.athanor.core.http.PathIds;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.live.LiveEvents;
import dev.athanor.core.http.RequestFields;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.HrmHistoryEntry;
import dev.athanor.model.orchestrator.HrmStore;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.StoredHrmConfig;
import dev.athanor.model.orchestrator.TaskPage;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.ProjectStore;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * HRM configs of projects and tasks: what a task runs with ({@link #effectiveConfig}: its own config, else its
 * project's, else the defaults), changes by hand (merged into the current config) or from a preset, each recorded in
 * the config's history, and passed on to the project's running tasks when asked to apply immediately.
 */
@Singleton
@Requires(beans = HrmStore.class)
public class HrmConfigs {

    private static final int ATTEMPTS = 3;
    private static final int TASK_PAGE = 100;

    private final HrmStore store;
    @Nullable
    private final ProjectStore projects;
    @Nullable
    private final TaskStore tasks;
    private final HrmImpacts impacts;
    private final LiveEvents live;
    private final Clock clock;

    /**
     * @param projects absent in a function that does not store projects; the project is then not checked
     * @param tasks    absent in a function that does not store tasks; task checks and hand-on are then skipped
     */
    HrmConfigs(HrmStore store, @Nullable ProjectStore projects, @Nullable TaskStore tasks, HrmImpacts impacts,
               LiveEvents live, Clock clock) {
        this.live = live;
        this.store = store;
        this.projects = projects;
        this.tasks = tasks;
        this.impacts = impacts;
        this.clock = clock;
    }

    /** Where a config is kept: a project's ({@code taskId} null) or one of its tasks'. */
    record Scope(String projectId, @Nullable String taskId) {
    }

    /** What a change came from, for the history: by hand, or a preset applied. */
    record Source(String kind, @Nullable String presetId, @Nullable String presetName) {

        static final Source MANUAL = new Source(HrmHistoryEntry.MANUAL, null, null);
    }

    /** The config a task runs with (or, with {@code taskId} null, a project's tasks without one of their own). */
    public HrmConfig effectiveConfig(TeamId team, String projectId, @Nullable String taskId) {
        return effective(team, projectId, taskId).map(StoredHrmConfig::config).orElse(HrmConfig.DEFAULTS);
    }

    /** The config a project's tasks run with, once the team is known to have the project (404 otherwise). */
    HrmConfig projectConfig(TeamId team, String projectId) {
        task(team, new Scope(projectId, null));
        return effectiveConfig(team, projectId, null);
    }

    ConfigView view(TeamId team, Scope scope) {
        task(team, scope);
        return effective(team, scope.projectId(), scope.taskId())
                .map(c -> new ConfigView(c.configId(), c.config(), c.presetName(), c.updatedAt().toString(),
                        c.updatedBy()))
                .orElse(new ConfigView(null, HrmConfig.DEFAULTS, BuiltinPresets.BALANCED, null, null));
    }

    /** 6.1: {@code config} is merged, section by section and setting by setting, into the current config. */
    AppliedView update(TeamPrincipal caller, RequestFields fields) {
        String projectId = fields.string("project_id");
        if (projectId == null && fields.valid()) {
            fields.error("project_id", "is required");
        }
        String taskId = fields.string("task_id");
        Map<String, Object> changes = fields.object("config");
        if (changes == null && fields.node("config") == null) {
            fields.error("config", "is required");
        }
        boolean immediately = flag(fields, "apply_immediately", false);
        boolean persist = flag(fields, "persist", true);
        fields.check("HRM config");
        return apply(caller, scope(projectId, taskId), current -> {
            HrmConfig merged = HrmRules.merge(current, changes, fields);
            fields.check("HRM config");
            return merged;
        }, Source.MANUAL, immediately, persist);
    }

    /**
     * Changes the scope's config (when {@code persist}) and, for a project with {@code immediately}, writes the
     * result to the configs of its running tasks too. Nothing is written when the change is refused. The answer
     * estimates the change from the config the scope ran with to the new one on the project's task history.
     */
    AppliedView apply(TeamPrincipal caller, Scope scope, UnaryOperator<HrmConfig> change, Source source,
                      boolean immediately, boolean persist) {
        TeamId team = caller.team();
        Optional<OrchestratorTask> task = task(team, scope);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Versioned<StoredHrmConfig>> stored = store.findConfig(team, scope.projectId(), scope.taskId());
        HrmConfig before = stored.map(s -> s.value().config()).orElseGet(() -> base(team, scope));
        String configId;
        HrmConfig config;
        if (persist) {
            StoredHrmConfig saved = write(caller, scope, stored, change, source, now).value();
            configId = saved.configId();
            config = saved.config();
        } else {
            configId = stored.map(s -> s.value().configId()).orElse(null);
            config = change.apply(before);
        }
        int active = 0;
        if (scope.taskId() != null) {
            active = persist && task.filter(t -> t.status() == TaskStatus.IN_PROGRESS).isPresent() ? 1 : 0;
        } else if (immediately) {
            active = handOn(caller, scope.projectId(), config, source, now);
        }
        AppliedView applied = new AppliedView(persist || active > 0 ? "applied" : "validated", configId,
                now.toString(), impacts.change(team, scope.projectId(), before, config), active,
                persist && scope.taskId() == null);
        if (persist || active > 0) {
            announce(team, scope, applied, config, source);
        }
        return applied;
    }

    /** Tells the team's socket clients: {@code hrm_config_update}, and {@code hrm_preset_applied} for a preset. */
    private void announce(TeamId team, Scope scope, AppliedView applied, HrmConfig config, Source source) {
        LiveEvents.Batch batch = live.about(team, scope.projectId(), scope.taskId(),
                "hrm/" + applied.configId() + "/" + scope.taskId() + "/" + applied.appliedAt());
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("project_id", scope.projectId());
        update.put("task_id", scope.taskId());
        update.put("config_id", applied.configId());
        update.put("config", config);
        update.put("impact", applied.impactEstimate());
        batch.add("hrm_config_update", update);
        if (source.presetName() != null) {
            Map<String, Object> preset = new LinkedHashMap<>();
            preset.put("project_id", scope.projectId());
            preset.put("task_id", scope.taskId());
            preset.put("preset_name", source.presetName());
            preset.put("config", config);
            batch.add("hrm_preset_applied", preset);
        }
        // the change stands whether or not its clients hear of it
        batch.publishQuietly();
    }

    /** A page of the config's changes, newest first. */
    Page<HrmHistoryEntry> history(TeamId team, String configId, PageRequest page) {
        String id = PathIds.uuid(configId, () -> new NotFoundException("HRM config not found"));
        Page<HrmHistoryEntry> found = store.history(team, id, page);
        // every stored config has its first change recorded with it: no history, no such config of this team
        if (page.cursor() == null && found.items().isEmpty() && !found.hasNext()) {
            throw new NotFoundException("HRM config not found");
        }
        return found;
    }

    /** The scope the ids name; ids that are not UUIDs name nothing (404). */
    static Scope scope(String projectId, @Nullable String taskId) {
        return new Scope(PathIds.uuid(projectId, () -> new NotFoundException("Project not found")),
                taskId == null ? null : PathIds.uuid(taskId, () -> new NotFoundException("Task not found")));
    }

    private Optional<StoredHrmConfig> effective(TeamId team, String projectId, @Nullable String taskId) {
        Optional<Versioned<StoredHrmConfig>> own = taskId == null ? Optional.empty()
                : store.findConfig(team, projectId, taskId);
        return own.or(() -> store.findConfig(team, projectId, null)).map(Versioned::value);
    }

    /** What a scope without a config of its own runs with: a task its project's, a project the defaults. */
    private HrmConfig base(TeamId team, Scope scope) {
        return scope.taskId() == null ? HrmConfig.DEFAULTS : effectiveConfig(team, scope.projectId(), null);
    }

    /**
     * The scope's task, which must be the project's, after checking that the team has the project (another team's is
     * unknown, 404); the task is unchecked (empty) where tasks are not stored.
     */
    private Optional<OrchestratorTask> task(TeamId team, Scope scope) {
        if (projects != null && projects.find(team, scope.projectId()).isEmpty()) {
            throw new NotFoundException("Project not found");
        }
        if (scope.taskId() == null || tasks == null) {
            return Optional.empty();
        }
        return Optional.of(tasks.find(team, scope.taskId()).map(Versioned::value)
                .filter(t -> scope.projectId().equals(t.projectId()))
                .orElseThrow(() -> new NotFoundException("Task not found")));
    }

    /** @param stored the scope's config as just read, empty when it has none */
    private Versioned<StoredHrmConfig> write(TeamPrincipal caller, Scope scope,
                                             Optional<Versioned<StoredHrmConfig>> stored,
                                             UnaryOperator<HrmConfig> change, Source source, Instant now) {
        TeamId team = caller.team();
        HrmConfig before = stored.map(s -> s.value().config()).orElseGet(() -> base(team, scope));
        HrmConfig after = change.apply(before);
        String configId = stored.map(s -> s.value().configId()).orElseGet(() -> UUID.randomUUID().toString());
        List<HrmHistoryEntry.Change> changes = HrmRules.differences(before, after).entrySet().stream()
                .map(e -> new HrmHistoryEntry.Change(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        StoredHrmConfig next = new StoredHrmConfig(configId, scope.projectId(), scope.taskId(), after,
                source.presetName(), now, caller.subject());
        HrmHistoryEntry entry = new HrmHistoryEntry(UUID.randomUUID().toString(), configId, scope.projectId(),
                scope.taskId(), now, caller.subject(), source.kind(), source.presetId(), source.presetName(), changes);
        return store.saveConfig(team, next, stored.map(Versioned::version).orElse(null), entry);
    }

    /**
     * Writes {@code config} to the configs of the project's running tasks; a task changed meanwhile is read again.
     * Without a task store in this function there are no running tasks to reach: a task without a config of its
     * own follows its project's anyway.
     */
    private int handOn(TeamPrincipal caller, String projectId, HrmConfig config, Source source, Instant now) {
        if (tasks == null) {
            return 0;
        }
        int count = 0;
        for (int page = 1; ; page++) {
            TaskPage running = tasks.list(caller.team(), projectId, TaskStatus.IN_PROGRESS, page, TASK_PAGE);
            for (OrchestratorTask task : running.items()) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        write(caller, new Scope(projectId, task.id()),
                                store.findConfig(caller.team(), projectId, task.id()), current -> config, source, now);
                        break;
                    } catch (ConflictException raced) {
                        if (attempt == ATTEMPTS) {
                            throw raced;
                        }
                    }
                }
                count++;
            }
            if (page >= running.totalPages()) {
                return count;
            }
        }
    }

    private static boolean flag(RequestFields fields, String name, boolean fallback) {
        Boolean value = fields.bool(name);
        return value == null ? fallback : value;
    }
}
