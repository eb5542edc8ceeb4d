package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore.Kind;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectDraft;
import dev.athanor.model.promptlab.PromptSettings;
import dev.athanor.model.promptlab.PromptTestSettings;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prompt-lab tables on DynamoDB Local: counted ids, unique names, history per project and kind, cascade. */
@ExtendWith(LocalStackExtension.class)
class PromptLabStoresIT {

    private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");
    private static final PageRequest ALL = PageRequest.first(200);

    private DynamoDbClient dynamo;
    private String projectsTable;
    private String historyTable;
    private DynamoPromptProjectStore projects;
    private DynamoPromptHistoryStore history;
    private DynamoPromptTestSettingsStore settings;
    private DynamoEvaluationStore evaluations;
    private TeamId team;

    @BeforeEach
    void setUp() {
        Map<String, String> env = LocalStackExtension.stack().functionEnvironment("PromptLabFunction");
        projectsTable = env.get("ATHANOR_DYNAMODB_TABLES_PROMPT_PROJECTS");
        historyTable = env.get("ATHANOR_DYNAMODB_TABLES_PROMPT_HISTORY");
        dynamo = LocalStackExtension.stack().dynamo();
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        OnlyTables tables = new OnlyTables(Map.of("prompt_projects", projectsTable, "prompt_history", historyTable,
                "prompt_evaluations", env.get("ATHANOR_DYNAMODB_TABLES_PROMPT_EVALUATIONS")));
        JsonMapper json = JsonMapper.createDefault();
        projects = new DynamoPromptProjectStore(client, dynamo, tables, Clock.fixed(NOW, ZoneOffset.UTC));
        history = new DynamoPromptHistoryStore(client, dynamo, tables, json);
        settings = new DynamoPromptTestSettingsStore(client, tables, json);
        evaluations = new DynamoEvaluationStore(client, tables, json);
        team = TeamId.of("prompt-lab-" + UUID.randomUUID());
    }

    private static PromptProjectDraft draft(String name) {
        return new PromptProjectDraft(name, "llama-3.1-8b-instruct", "http://llama-stack:8321", null, null, "d");
    }

    private static PromptHistoryEntry entry(long projectId, String userPrompt) {
        PromptSettings prompt = new PromptSettings(userPrompt, "be brief", null, Map.of("concept", "ml"), 0.7, 200,
                0.9, 50);
        return new PromptHistoryEntry(0, projectId, prompt, "answer", null, null, null, null, false, NOW);
    }

    private Map<String, AttributeValue> stored(String table, String id) {
        return dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS(id)))).item();
    }

    @Test
    void project_ids_count_up_per_team_and_are_never_reused() {
        TeamId other = TeamId.of("other-" + UUID.randomUUID());
        PromptProject first = projects.create(team, draft("first"));
        PromptProject second = projects.create(team, draft("second"));
        PromptProject elsewhere = projects.create(other, draft("first"));

        assertEquals(1, first.id());
        assertEquals(2, second.id());
        assertEquals(1, elsewhere.id(), "each team counts its own");
        assertTrue(projects.delete(team, 2));
        assertEquals(3, projects.create(team, draft("third")).id());
        assertEquals(List.of("first", "third"), projects.list(team, ALL).items().stream().map(PromptProject::name)
                .toList());
        assertEquals("llama-3.1-8b-instruct", stored(projectsTable, "project#0000000000000000001")
                .get("provider_id").s());
    }

    @Test
    void projects_created_at_once_all_get_different_ids() throws Exception {
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> ids = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String name = "parallel-" + i;
                ids.add(pool.submit(() -> {
                    start.await();
                    return projects.create(team, draft(name)).id();
                }));
            }
            start.countDown();
            Set<Long> distinct = new TreeSet<>();
            for (Future<Long> id : ids) {
                distinct.add(id.get(60, TimeUnit.SECONDS));
            }
            assertEquals(threads, distinct.size());
            assertEquals(threads, projects.list(team, ALL).items().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void names_are_unique_per_team_on_create_and_on_rename_and_are_freed_by_rename_and_delete() {
        projects.create(team, draft("alpha"));
        PromptProject beta = projects.create(team, draft("beta"));

        assertThrows(ConflictException.class, () -> projects.create(team, draft("alpha")));
        assertThrows(ConflictException.class, () -> projects.update(team, beta.id(), draft("alpha")));
        assertEquals("beta", projects.find(team, beta.id()).orElseThrow().name());

        PromptProject renamed = projects.update(team, beta.id(), draft("gamma"));
        assertEquals("gamma", renamed.name());
        assertEquals(NOW, renamed.createdAt());
        assertEquals(beta.id(), projects.findByName(team, "gamma").orElseThrow().id());
        assertTrue(projects.findByName(team, "beta").isEmpty());
        assertEquals(3, projects.create(team, draft("beta")).id(), "the old name is free again");

        assertTrue(projects.delete(team, 1));
        assertFalse(projects.delete(team, 1));
        assertTrue(projects.findByName(team, "alpha").isEmpty());
        assertTrue(stored(projectsTable, "name#alpha").isEmpty());
        assertEquals(4, projects.create(team, draft("alpha")).id());
        assertThrows(NotFoundException.class, () -> projects.update(team, 99, draft("x")));
    }

    @Test
    void history_ids_count_per_project_and_kind_and_list_newest_first() {
        PromptHistoryEntry one = history.add(team, Kind.PROMPT, entry(1, "Explain {{concept}}"));
        PromptHistoryEntry two = history.add(team, Kind.PROMPT, entry(1, "Summarize {{concept}}"));
        PromptHistoryEntry backend = history.add(team, Kind.BACKEND, new PromptHistoryEntry(0, 1,
                entry(1, "x").prompt(), "ok", null, new PromptHistoryEntry.BackendResult("http://b", 200, 120L, 30L,
                null), null, null, false, NOW));
        PromptHistoryEntry otherProject = history.add(team, Kind.PROMPT, entry(2, "y"));

        assertEquals(List.of(1L, 2L, 1L, 1L), List.of(one.id(), two.id(), backend.id(), otherProject.id()));
        List<PromptHistoryEntry> listed = history.list(team, Kind.PROMPT, 1, ALL).items();
        assertEquals(List.of(2L, 1L), listed.stream().map(PromptHistoryEntry::id).toList());
        assertEquals("Summarize {{concept}}", listed.get(0).prompt().userPrompt());
        assertEquals(Map.of("concept", "ml"), listed.get(0).prompt().variables());
        assertEquals(200, listed.get(0).prompt().maxLen());
        PromptHistoryEntry readBack = history.list(team, Kind.BACKEND, 1, ALL).items().get(0);
        assertEquals(200, readBack.backend().statusCode());
        assertEquals(120L, readBack.backend().responseTimeMs());
    }

    @Test
    void an_update_sets_only_what_is_given_and_an_unknown_entry_is_not_found() {
        history.add(team, Kind.PROMPT, entry(1, "a"));

        history.update(team, Kind.PROMPT, 1, 1, 4, null, null);
        PromptHistoryEntry updated = history.update(team, Kind.PROMPT, 1, 1, null, "good", true);

        assertEquals(4, updated.rating());
        assertEquals("good", updated.notes());
        assertTrue(updated.marked());
        assertEquals("a", updated.prompt().userPrompt());
        assertEquals("3", stored(historyTable, DynamoPromptHistoryStore.entryKey(1, Kind.PROMPT, 1))
                .get("version").n());
        assertThrows(NotFoundException.class, () -> history.update(team, Kind.PROMPT, 1, 2, 5, null, null));
        assertThrows(NotFoundException.class, () -> history.update(team, Kind.BACKEND, 1, 1, 5, null, null));
        assertTrue(stored(historyTable, DynamoPromptHistoryStore.entryKey(1, Kind.PROMPT, 2)).isEmpty(),
                "a refused update creates nothing");
    }

    @Test
    void deleting_a_project_removes_its_history_of_both_kinds_and_its_settings_and_nothing_else() {
        history.add(team, Kind.PROMPT, entry(1, "a"));
        history.add(team, Kind.BACKEND, entry(1, "b"));
        history.add(team, Kind.PROMPT, entry(2, "kept"));
        PromptSettings prompt = entry(1, "s").prompt();
        settings.save(team, 1, new PromptTestSettings("http://backend", prompt, NOW));
        settings.save(team, 2, new PromptTestSettings("http://kept", prompt, NOW));

        history.deleteProject(team, 1);
        settings.deleteProject(team, 1);

        assertEquals(List.of(), history.list(team, Kind.PROMPT, 1, ALL).items());
        assertEquals(List.of(), history.list(team, Kind.BACKEND, 1, ALL).items());
        assertTrue(settings.find(team, 1).isEmpty());
        assertEquals(1, history.list(team, Kind.PROMPT, 2, ALL).items().size());
        assertEquals("http://kept", settings.find(team, 2).orElseThrow().testBackendUrl());
        history.deleteProject(team, 1); // safe to repeat
    }

    @Test
    void settings_are_replaced_by_a_later_save() {
        PromptSettings prompt = entry(1, "first").prompt();
        settings.save(team, 1, new PromptTestSettings("http://one", prompt, NOW));

        PromptTestSettings saved = settings.save(team, 1, new PromptTestSettings("http://two",
                entry(1, "second").prompt(), NOW.plusSeconds(1)));

        assertEquals("http://two", saved.testBackendUrl());
        assertEquals("second", settings.find(team, 1).orElseThrow().prompt().userPrompt());
        assertEquals("2", stored(projectsTable, "settings#0000000000000000001").get("version").n());
    }

    @Test
    void wipes_erase_the_teams_data_and_no_other_teams_and_ids_keep_counting() {
        TeamId other = TeamId.of("other-" + UUID.randomUUID());
        projects.create(team, draft("a"));
        projects.create(other, draft("a"));
        history.add(team, Kind.PROMPT, entry(1, "x"));
        history.add(other, Kind.PROMPT, entry(1, "x"));
        settings.save(team, 1, new PromptTestSettings(null, entry(1, "x").prompt(), NOW));

        projects.wipe(team);
        history.wipe(team);
        settings.wipe(team);

        assertEquals(List.of(), projects.list(team, ALL).items());
        assertEquals(List.of(), history.list(team, Kind.PROMPT, 1, ALL).items());
        assertTrue(settings.find(team, 1).isEmpty());
        assertEquals(1, projects.list(other, ALL).items().size());
        assertEquals(1, history.list(other, Kind.PROMPT, 1, ALL).items().size());
        assertEquals(2, projects.create(team, draft("a")).id());
        assertEquals(Set.of("prompt_projects", "prompt_history", "prompt_test_settings"),
                Set.of(projects.name(), history.name(), settings.name()));
    }

    @Test
    void an_evaluation_whose_every_sample_failed_reads_back_with_no_mean_scores() {
        Evaluation running = evaluations.create(team, new Evaluation("eval-1", 1, Evaluation.RUNNING, "xsum", 3,
                List.of("relevance"), "sandbox", "sandbox", "Summarize: {{text}}", null, null, null, NOW, null,
                null));
        evaluations.save(team, new Evaluation(running.id(), 1, Evaluation.COMPLETED, "xsum", 3, List.of("relevance"),
                "sandbox", "sandbox", "Summarize: {{text}}", null, new Evaluation.Aggregates(Map.of(), null, 3, 0, 3),
                null, NOW, NOW, null));

        Evaluation read = evaluations.find(team, 1, "eval-1").orElseThrow();
        assertEquals(Evaluation.COMPLETED, read.status());
        assertEquals(Map.of(), read.aggregates().meanScores());
        assertEquals(3, read.aggregates().failed());
        assertEquals(null, read.aggregates().overall());
    }
}
