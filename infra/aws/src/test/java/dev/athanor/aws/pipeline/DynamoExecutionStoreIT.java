package dev.athanor.aws.pipeline;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.local.LocalStack;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.InvalidCursorException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.Execution;
import dev.athanor.model.pipeline.ExecutionStatus;
import dev.athanor.model.pipeline.ExecutionSummary;
import dev.athanor.model.pipeline.PipelineDefinition;
import dev.athanor.model.pipeline.StateDefinition;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Listing executions on DynamoDB Local, in the table template.yaml declares: pages of summaries, newest first, read
 * from the {@code by_created} index, which holds nothing of an execution but its summary. Every request the store
 * sends is recorded, with the capacity DynamoDB says it consumed.
 */
@ExtendWith(LocalStackExtension.class)
class DynamoExecutionStoreIT {

    private static final Instant BASE = Instant.parse("2026-02-01T09:00:00Z");
    /** A large variable: each execution item is about 150 KB, which a read counts as 19 capacity units. */
    private static final String HUGE = "x".repeat(150_000);
    private static final PipelineDefinition FLOW = new PipelineDefinition("flow", "build", Map.of(
            "build", StateDefinition.task("run", "builder", "build {{name}}", null)), List.of("name", "slug"))
            .validate();

    private static final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
    private static final List<Double> consumed = new CopyOnWriteArrayList<>();
    private static DynamoDbClient recorded;
    private static String tableName;

    private DynamoExecutionStore store;
    private TeamId team;

    @BeforeAll
    static void start() {
        tableName = LocalStackExtension.stack().functionEnvironment("FactoryFunction")
                .get("ATHANOR_DYNAMODB_TABLES_EXECUTIONS");
        Map<String, Object> aws = LocalStackExtension.stack().awsProperties();
        recorded = DynamoDbClient.builder()
                .endpointOverride(URI.create(aws.get("aws.services.dynamodb.endpoint-override").toString()))
                .region(Region.of(LocalStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalStack.ACCESS_KEY, LocalStack.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new Recorder()))
                .build();
    }

    @AfterAll
    static void stop() {
        recorded.close();
    }

    @BeforeEach
    void setUp() {
        store = new DynamoExecutionStore(DynamoDbEnhancedClient.builder().dynamoDbClient(recorded).build(),
                OnlyTables.of("executions", tableName), JsonMapper.createDefault());
        team = TeamId.of("executions-" + UUID.randomUUID());
    }

    /** Records every request and, asked for on every query, the capacity each query consumed. */
    private static final class Recorder implements ExecutionInterceptor {

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query) {
                return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            return context.request();
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            requests.add(context.request());
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse response && response.consumedCapacity() != null) {
                consumed.add(response.consumedCapacity().capacityUnits());
            }
        }
    }

    private StoredExecution execution(TeamId owner, String pipeline, int i) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("name", "Job " + i);
        vars.put("slug", "job-" + i);
        vars.put("output", HUGE);
        String id = pipeline + "/job-" + i;
        Execution execution = Execution.create(id, new PipelineDefinition(pipeline, "build", FLOW.states(),
                FLOW.labels()), vars);
        Instant at = BASE.plusSeconds(i);
        return store.create(owner, new StoredExecution(owner.value(), execution, List.of(), null, null, at, at, null,
                null, FLOW.labelsOf(vars)));
    }

    private static List<String> ids(List<ExecutionSummary> summaries) {
        return summaries.stream().map(ExecutionSummary::id).toList();
    }

    @Test
    void pages_of_summaries_come_newest_first_each_execution_once_without_reading_any_execution() {
        for (int i = 0; i < 12; i++) {
            execution(team, "flow", i);
        }
        execution(team, "other", 99);
        execution(TeamId.of("someone-else-" + UUID.randomUUID()), "flow", 50);
        requests.clear();
        consumed.clear();

        List<Page<ExecutionSummary>> pages = new ArrayList<>();
        PageRequest next = PageRequest.first(5);
        while (next != null) {
            Page<ExecutionSummary> page = store.summaries(team, "flow", next);
            pages.add(page);
            next = page.hasNext() ? new PageRequest(5, page.next()) : null;
        }

        assertEquals(List.of(5, 5, 2), pages.stream().map(p -> p.items().size()).toList());
        List<String> expected = new ArrayList<>();
        for (int i = 11; i >= 0; i--) {
            expected.add("flow/job-" + i);
        }
        assertEquals(expected, ids(pages.stream().flatMap(p -> p.items().stream()).toList()));
        ExecutionSummary newest = pages.get(0).items().get(0);
        assertEquals(Map.of("name", "Job 11", "slug", "job-11"), newest.labels());
        assertEquals(ExecutionStatus.RUNNING, newest.status());
        assertFalse(newest.started());
        assertEquals(BASE.plusSeconds(11), newest.createdAt());
        assertEquals(0, BigDecimal.ZERO.compareTo(newest.costUsd()));

        assertEquals(3, requests.size(), "one query per page: " + requests);
        for (SdkRequest request : requests) {
            QueryRequest query = (QueryRequest) request;
            assertEquals(ExecutionItem.BY_CREATED, query.indexName());
            assertEquals(Set.of("team_id", "id", "team_pipeline", "created_key", "summary"),
                    new HashSet<>(query.expressionAttributeNames().values()), "the attributes a page reads");
        }
        assertEquals(3, consumed.size());
        assertTrue(consumed.stream().allMatch(units -> units < 2.0),
                "a page reads summaries, not 150 KB executions (19 units each): " + consumed);
        QueryResponse whole = LocalStackExtension.stack().dynamo().query(r -> r.tableName(tableName)
                .keyConditionExpression("team_id = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(team.value())))
                .limit(5).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertTrue(whole.consumedCapacity().capacityUnits() > 50, "the executions themselves, for comparison: "
                + whole.consumedCapacity());
    }

    @Test
    void the_index_holds_nothing_of_an_execution_but_its_keys_and_summary() {
        execution(team, "flow", 1);

        QueryResponse raw = LocalStackExtension.stack().dynamo().query(r -> r.tableName(tableName)
                .indexName(ExecutionItem.BY_CREATED).keyConditionExpression("team_pipeline = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(team.value() + "#flow"))));

        assertEquals(1, raw.count());
        assertEquals(Set.of("team_id", "id", "team_pipeline", "created_key", "summary"), raw.items().get(0).keySet());
    }

    /** DynamoDB counts a read of the base table at the item's size whatever it returns: only the transfer is less. */
    @Test
    void a_summary_alone_is_read_without_the_execution() {
        execution(team, "flow", 3);
        requests.clear();
        consumed.clear();

        ExecutionSummary summary = store.findSummary(team, "flow/job-3").orElseThrow();

        assertEquals("flow/job-3", summary.id());
        assertEquals(Map.of("name", "Job 3", "slug", "job-3"), summary.labels());
        QueryRequest query = (QueryRequest) requests.get(0);
        assertNull(query.indexName());
        assertEquals(Set.of("team_id", "id", "summary"), new HashSet<>(query.expressionAttributeNames().values()));
        assertTrue(query.projectionExpression() != null, "only the projected attributes come back");
        assertTrue(store.findSummary(team, "flow/none").isEmpty());
        assertEquals(Map.of("name", "Job 3", "slug", "job-3"),
                store.find(team, "flow/job-3").orElseThrow().labels(), "the labels are kept on every save");
    }

    @Test
    void a_cursor_of_another_team_or_pipeline_is_refused_before_anything_is_read() {
        for (int i = 0; i < 3; i++) {
            execution(team, "flow", i);
        }
        execution(team, "other", 7);
        execution(team, "other", 8);
        String cursor = store.summaries(team, "flow", PageRequest.first(1)).next();
        String otherPipeline = store.summaries(team, "other", PageRequest.first(1)).next();
        TeamId intruder = TeamId.of("intruder-" + UUID.randomUUID());
        requests.clear();

        assertThrows(InvalidCursorException.class, () -> store.summaries(intruder, "flow", new PageRequest(5, cursor)));
        assertThrows(InvalidCursorException.class, () -> store.summaries(team, "other", new PageRequest(5, cursor)));
        assertThrows(InvalidCursorException.class,
                () -> store.summaries(team, "flow", new PageRequest(5, otherPipeline)));
        assertThrows(InvalidCursorException.class, () -> store.summaries(team, "flow", new PageRequest(5, "e30")));
        assertEquals(List.of(), requests, "nothing was read");
        assertEquals(List.of("flow/job-1", "flow/job-0"),
                ids(store.summaries(team, "flow", new PageRequest(5, cursor)).items()));
    }
}
