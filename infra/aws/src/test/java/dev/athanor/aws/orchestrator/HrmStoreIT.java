package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.HrmHistoryEntry;
import dev.athanor.model.orchestrator.HrmPreset;
import dev.athanor.model.orchestrator.StoredHrmConfig;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code hrm} table on DynamoDB Local, as template.yaml declares it: configs per project and task with their
 * history written together, history newest first and a page at a time, presets, usage counts, teams kept apart.
 */
@ExtendWith(LocalStackExtension.class)
class HrmStoreIT {

    private static final Instant T0 = Instant.parse("2026-03-04T12:00:00Z");

    private DynamoHrmStore store;
    private TeamId team;
    private TeamId other;
    private String project;

    @BeforeEach
    void setUp() {
        String table = LocalStackExtension.stack().functionEnvironment("OrchestratorFunction")
                .get("ATHANOR_DYNAMODB_TABLES_HRM");
        DynamoDbClient dynamo = LocalStackExtension.stack().dynamo();
        store = new DynamoHrmStore(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(), dynamo,
                OnlyTables.of("hrm", table), JsonMapper.createDefault());
        team = TeamId.of("hrm-" + UUID.randomUUID());
        other = TeamId.of("other-" + UUID.randomUUID());
        project = UUID.randomUUID().toString();
    }

    private static HrmConfig withSwitches(int switches) {
        HrmConfig d = HrmConfig.DEFAULTS;
        return new HrmConfig(d.latentReasoning(), d.mlIterationPrediction(),
                new HrmConfig.AgentSwitching("manual", 0.2, 5.0, switches), d.deepSupervision(),
                d.parallelEvaluation(), d.caching(), d.bayesianOptimization(), d.rlRefinement(),
                d.prometheusMetrics(), d.multiRepo());
    }

    private Versioned<StoredHrmConfig> save(String configId, String taskId, HrmConfig config, Long expected,
                                            int switchesBefore, Instant at) {
        StoredHrmConfig stored = new StoredHrmConfig(configId, project, taskId, config, null, at, "user-1");
        HrmHistoryEntry entry = new HrmHistoryEntry(UUID.randomUUID().toString(), configId, project, taskId, at,
                "user-1", HrmHistoryEntry.MANUAL, null, null, List.of(new HrmHistoryEntry.Change(
                "agent_switching.max_switches_per_task", switchesBefore,
                config.agentSwitching().maxSwitchesPerTask())));
        return store.saveConfig(team, stored, expected, entry);
    }

    @Test
    void a_project_config_and_a_task_config_are_stored_apart_and_read_back_whole() {
        String task = UUID.randomUUID().toString();

        save("c-project", null, withSwitches(5), null, 3, T0);
        save("c-task", task, withSwitches(7), null, 5, T0);

        StoredHrmConfig projectConfig = store.findConfig(team, project, null).orElseThrow().value();
        StoredHrmConfig taskConfig = store.findConfig(team, project, task).orElseThrow().value();
        assertEquals(new StoredHrmConfig("c-project", project, null, withSwitches(5), null, T0, "user-1"),
                projectConfig);
        assertEquals(7, taskConfig.config().agentSwitching().maxSwitchesPerTask());
        assertEquals(List.of(0.33, 0.66, 1.0), taskConfig.config().deepSupervision().checkpoints());
        assertTrue(store.findConfig(other, project, null).isEmpty(), "another team's config is not read");
        assertTrue(store.findConfig(team, project, UUID.randomUUID().toString()).isEmpty());
    }

    @Test
    void each_change_is_recorded_with_its_config_and_listed_newest_first_a_page_at_a_time() {
        Versioned<StoredHrmConfig> first = save("c1", null, withSwitches(4), null, 3, T0);
        Versioned<StoredHrmConfig> second = save("c1", null, withSwitches(5), first.version(), 4, T0.plusSeconds(1));
        save("c1", null, withSwitches(6), second.version(), 5, T0.plusSeconds(2));

        Page<HrmHistoryEntry> page = store.history(team, "c1", PageRequest.first(2));
        Page<HrmHistoryEntry> rest = store.history(team, "c1", new PageRequest(2, page.next()));

        assertEquals(List.of(6, 5), page.items().stream().map(e -> e.changes().get(0).after()).toList());
        assertEquals(List.of(4), rest.items().stream().map(e -> e.changes().get(0).after()).toList());
        assertEquals(3, rest.items().get(0).changes().get(0).before());
        assertEquals(T0, rest.items().get(0).changedAt());
        assertNull(rest.next());
        assertEquals(List.of(), store.history(other, "c1", PageRequest.first(10)).items());
    }

    @Test
    void a_write_from_a_stale_read_is_a_conflict_and_leaves_neither_config_nor_history() {
        Versioned<StoredHrmConfig> first = save("c1", null, withSwitches(4), null, 3, T0);
        save("c1", null, withSwitches(5), first.version(), 4, T0);

        assertThrows(ConflictException.class, () -> save("c1", null, withSwitches(9), first.version(), 4, T0));
        assertThrows(ConflictException.class, () -> save("c1", null, withSwitches(9), null, 4, T0));

        assertEquals(5, store.findConfig(team, project, null).orElseThrow().value().config().agentSwitching()
                .maxSwitchesPerTask());
        assertEquals(2, store.history(team, "c1", PageRequest.first(10)).items().size());
    }

    @Test
    void presets_are_created_listed_oldest_first_updated_under_their_version_and_deleted() {
        HrmPreset a = preset("a", T0.plusSeconds(5));
        HrmPreset b = preset("b", T0);

        store.createPreset(team, a);
        store.createPreset(team, b);
        Versioned<HrmPreset> read = store.findPreset(team, a.id()).orElseThrow();
        HrmPreset renamed = new HrmPreset(a.id(), "a2", null, "x", "#000000", false, HrmPreset.SHARED,
                withSwitches(1), "user-1", a.createdAt(), T0.plusSeconds(9));
        store.updatePreset(team, renamed, read.version());

        assertEquals(List.of("b", "a2"), store.presets(team).stream().map(HrmPreset::name).toList());
        assertEquals(renamed, store.findPreset(team, a.id()).orElseThrow().value());
        assertThrows(ConflictException.class, () -> store.updatePreset(team, renamed, read.version()));
        assertEquals(List.of(), store.presets(other));
        assertTrue(store.findPreset(other, a.id()).isEmpty());
        assertTrue(store.deletePreset(team, a.id()));
        assertFalse(store.deletePreset(team, a.id()));
        assertEquals(List.of("b"), store.presets(team).stream().map(HrmPreset::name).toList());
    }

    @Test
    void uses_are_counted_per_preset_and_team() {
        store.countUse(team, "p1");
        store.countUse(team, "p1");
        store.countUse(team, "p2");
        store.countUse(other, "p1");

        assertEquals(Map.of("p1", 2L, "p2", 1L), store.uses(team));
        assertEquals(Map.of("p1", 1L), store.uses(other));
    }

    @Test
    void deleting_a_project_removes_its_configs_and_their_history_and_a_wipe_removes_everything_of_the_team() {
        String task = UUID.randomUUID().toString();
        save("c-project", null, withSwitches(5), null, 3, T0);
        save("c-task", task, withSwitches(7), null, 5, T0);
        store.createPreset(team, preset("kept", T0));
        store.countUse(team, "p1");
        TeamId keep = team;
        team = other;
        save("c-other", null, withSwitches(2), null, 3, T0);
        team = keep;

        store.deleteProject(team, project);

        assertTrue(store.findConfig(team, project, null).isEmpty());
        assertTrue(store.findConfig(team, project, task).isEmpty());
        assertEquals(List.of(), store.history(team, "c-project", PageRequest.first(10)).items());
        assertEquals(List.of(), store.history(team, "c-task", PageRequest.first(10)).items());
        assertEquals(1, store.presets(team).size());
        assertTrue(store.findConfig(other, project, null).isPresent(), "another team's config stays");

        store.wipe(team);

        assertEquals(List.of(), store.presets(team));
        assertEquals(Map.of(), store.uses(team));
        assertEquals(1, store.history(other, "c-other", PageRequest.first(10)).items().size());
        assertEquals("hrm", store.name());
    }

    private static HrmPreset preset(String name, Instant at) {
        return new HrmPreset(UUID.randomUUID().toString(), name, "d", "custom", "#10b981", false,
                HrmPreset.PRIVATE, withSwitches(2), "user-1", at, at);
    }
}
