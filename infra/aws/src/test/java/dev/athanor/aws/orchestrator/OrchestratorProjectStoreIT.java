package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.aws.dynamo.WriteRace;
import dev.athanor.local.LocalStack;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.OrchestratorProject;
import dev.athanor.model.orchestrator.ProjectConfiguration;
import dev.athanor.model.orchestrator.ProjectDraft;
import dev.athanor.model.orchestrator.ProjectSlot;
import dev.athanor.model.orchestrator.ProjectStatus;
import dev.athanor.model.orchestrator.ProjectType;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.MovableClockFactory.MovableClock;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The orchestrator's projects table on DynamoDB Local: three slots per team, taken atomically, versions, wipe. */
@ExtendWith(LocalStackExtension.class)
class OrchestratorProjectStoreIT {

    private static final WriteRace race = new WriteRace();
    private static DynamoDbClient racing;
    private static String table;

    private final MovableClock clock = new MovableClock();
    private DynamoDbClient dynamo;
    /** On a client that can be made to lose a race. */
    private DynamoOrchestratorProjectStore store;
    /** The same table on a plain client: the other writer of a race. */
    private DynamoOrchestratorProjectStore other;
    private TeamId team;

    @BeforeAll
    static void start() {
        table = LocalStackExtension.stack().functionEnvironment("OrchestratorFunction")
                .get("ATHANOR_DYNAMODB_TABLES_ORCHESTRATOR_PROJECTS");
        Map<String, Object> aws = LocalStackExtension.stack().awsProperties();
        racing = DynamoDbClient.builder()
                .endpointOverride(URI.create(aws.get("aws.services.dynamodb.endpoint-override").toString()))
                .region(Region.of(LocalStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalStack.ACCESS_KEY, LocalStack.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(race))
                .build();
    }

    @AfterAll
    static void stop() {
        racing.close();
    }

    @BeforeEach
    void setUp() {
        race.reset();
        dynamo = LocalStackExtension.stack().dynamo();
        OnlyTables tables = OnlyTables.of("orchestrator_projects", table);
        JsonMapper json = JsonMapper.createDefault();
        store = new DynamoOrchestratorProjectStore(DynamoDbEnhancedClient.builder().dynamoDbClient(racing).build(),
                tables, json, clock);
        other = new DynamoOrchestratorProjectStore(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(),
                tables, json, clock);
        team = TeamId.of("orchestrator-" + UUID.randomUUID());
    }

    private static ProjectDraft draft(String name) {
        return new ProjectDraft(name, ProjectType.PYTHON, ProjectStatus.ACTIVE, "https://github.com/user/repo",
                ProjectConfiguration.DEFAULTS);
    }

    private Map<String, AttributeValue> stored(String id) {
        return dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS(id)))).item();
    }

    private List<ProjectSlot> slots() {
        return store.list(team).stream().map(OrchestratorProject::slot).toList();
    }

    @Test
    void creates_take_the_lowest_free_slot_a_fourth_is_refused_and_a_delete_frees_its_slot() {
        OrchestratorProject a = store.create(team, draft("a")).value();
        OrchestratorProject b = store.create(team, draft("b")).value();
        OrchestratorProject c = store.create(team, draft("c")).value();

        ConflictException full = assertThrows(ConflictException.class, () -> store.create(team, draft("d")));
        assertTrue(store.delete(team, b.id()));
        OrchestratorProject d = store.create(team, draft("d")).value();

        assertEquals(List.of(ProjectSlot.A, ProjectSlot.B, ProjectSlot.C), List.of(a.slot(), b.slot(), c.slot()));
        assertTrue(full.getMessage().contains("at most 3 projects: Projekt-A, Projekt-B, Projekt-C"),
                full.getMessage());
        assertEquals(ProjectSlot.B, d.slot(), "the freed slot is the lowest free one");
        assertEquals(List.of("a", "d", "c"), store.list(team).stream().map(OrchestratorProject::name).toList());
        assertEquals(d.id(), stored("slot#Projekt-B").get("project_id").s());
        assertTrue(stored("project#" + b.id()).isEmpty());
        Map<String, AttributeValue> item = stored("project#" + d.id());
        assertEquals("python", item.get("type").s());
        assertEquals("active", item.get("status").s());
        assertEquals("Projekt-B", item.get("slot").s());
        assertEquals("https://github.com/user/repo", item.get("github_repo").s());
        assertTrue(item.get("config").s().contains("\"max_minutes\":30"), item.get("config").s());
    }

    @Test
    void a_create_that_loses_the_last_slot_to_another_create_is_refused_and_stores_nothing() {
        store.create(team, draft("a"));
        store.create(team, draft("b"));
        race.before(r -> r instanceof TransactWriteItemsRequest, () -> other.create(team, draft("winner")));

        assertThrows(ConflictException.class, () -> store.create(team, draft("loser")));

        assertTrue(race.ran());
        assertEquals(List.of("a", "b", "winner"), store.list(team).stream().map(OrchestratorProject::name).toList());
        assertEquals(List.of(ProjectSlot.A, ProjectSlot.B, ProjectSlot.C), slots());
    }

    @Test
    void a_create_that_loses_a_slot_while_others_are_free_takes_the_next_one() {
        race.before(r -> r instanceof TransactWriteItemsRequest, () -> other.create(team, draft("winner")));

        OrchestratorProject loser = store.create(team, draft("loser")).value();

        assertTrue(race.ran());
        assertEquals(ProjectSlot.B, loser.slot());
        assertEquals(List.of("winner", "loser"), store.list(team).stream().map(OrchestratorProject::name).toList());
    }

    @Test
    void creates_at_the_same_moment_fill_the_three_slots_and_refuse_the_rest() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OrchestratorProject>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String name = "parallel-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return other.create(team, draft(name)).value();
                }));
            }
            start.countDown();
            int created = 0;
            int refused = 0;
            for (Future<OrchestratorProject> result : results) {
                try {
                    result.get(60, TimeUnit.SECONDS);
                    created++;
                } catch (ExecutionException e) {
                    assertInstanceOf(ConflictException.class, e.getCause());
                    refused++;
                }
            }
            assertEquals(3, created);
            assertEquals(threads - 3, refused);
            assertEquals(List.of(ProjectSlot.A, ProjectSlot.B, ProjectSlot.C), slots());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_update_keeps_id_slot_and_creation_time_and_a_stale_version_is_refused() {
        Versioned<OrchestratorProject> created = store.create(team, draft("first"));
        clock.advance(Duration.ofMinutes(5));
        ProjectConfiguration config = new ProjectConfiguration(
                new ProjectConfiguration.Priority("speed", Map.of("quality", 0.7, "nested", Map.of("x", List.of(1)))),
                new ProjectConfiguration.Timeframe(15, "quick"), new ProjectConfiguration.RiskTolerance(80, true, false),
                new ProjectConfiguration.Deployment(List.of("linux", "docker"), true, false),
                new ProjectConfiguration.MlComponents(false, true, false, true, false));

        Versioned<OrchestratorProject> updated = store.update(team, created.value().id(),
                new ProjectDraft("renamed", ProjectType.REACT, ProjectStatus.PAUSED, null, config),
                created.version());

        assertNotEquals(created.version(), updated.version());
        OrchestratorProject read = store.find(team, created.value().id()).orElseThrow().value();
        assertEquals(updated.value(), read);
        assertEquals(created.value().id(), read.id());
        assertEquals(ProjectSlot.A, read.slot());
        assertEquals(created.value().createdAt(), read.createdAt());
        assertEquals(created.value().createdAt().plus(Duration.ofMinutes(5)), read.updatedAt());
        assertEquals("renamed", read.name());
        assertEquals(ProjectType.REACT, read.type());
        assertEquals(ProjectStatus.PAUSED, read.status());
        assertEquals(null, read.githubRepo());
        assertEquals(config, read.config());
        assertFalse(stored("project#" + read.id()).containsKey("github_repo"));
        assertThrows(ConflictException.class, () -> store.update(team, created.value().id(), draft("stale"),
                created.version()));
        assertEquals("renamed", store.find(team, created.value().id()).orElseThrow().value().name());
    }

    @Test
    void another_team_sees_none_of_the_projects_and_cannot_change_or_delete_them() {
        OrchestratorProject mine = store.create(team, draft("mine")).value();
        TeamId stranger = TeamId.of("stranger-" + UUID.randomUUID());

        assertTrue(store.find(stranger, mine.id()).isEmpty());
        assertEquals(List.of(), store.list(stranger));
        assertThrows(NotFoundException.class, () -> store.update(stranger, mine.id(), draft("x"), 1));
        assertFalse(store.delete(stranger, mine.id()));
        assertEquals(ProjectSlot.A, store.create(stranger, draft("theirs")).value().slot(), "slots are per team");
        assertEquals("mine", store.find(team, mine.id()).orElseThrow().value().name());
    }

    @Test
    void a_wipe_removes_the_projects_and_their_slot_claims() {
        store.create(team, draft("a"));
        store.create(team, draft("b"));
        store.create(team, draft("c"));

        store.wipe(team);

        assertEquals(List.of(), store.list(team));
        assertTrue(stored("slot#Projekt-A").isEmpty());
        assertEquals(ProjectSlot.A, store.create(team, draft("again")).value().slot());
        assertEquals("orchestrator_projects", store.name());
    }
}
