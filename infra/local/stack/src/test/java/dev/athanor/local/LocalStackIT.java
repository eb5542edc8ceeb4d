package dev.athanor.local;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStackIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        long t0 = System.nanoTime();
        stack = LocalStack.start(Path.of(System.getProperty("athanor.root", "../../..")).resolve("template.yaml"), null);
        System.out.printf("local stack started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void creates_every_table_of_the_template_with_its_key_schema() {
        var table = stack.dynamo().describeTable(r -> r.tableName("athanor-local-settings")).table();
        assertEquals("team_id", table.keySchema().get(0).attributeName());
        assertEquals("id", table.keySchema().get(1).attributeName());
    }

    @Test
    void creates_queues_with_their_redrive_policy() {
        String url = stack.resources().queueUrl("FactoryWorkQueue");
        Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(r -> r.queueUrl(url)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("360", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        String redrive = attributes.get(QueueAttributeName.REDRIVE_POLICY);
        assertTrue(redrive.contains("athanor-local-factory-work-dlq") && redrive.contains("5"), redrive);
    }

    @Test
    void the_sweep_schedule_puts_its_message_on_every_work_queue_every_minute() {
        var sweep = stack.resources().scheduledMessages();
        assertEquals(java.util.List.of(stack.resources().queueUrl("PromptLabWorkQueue"),
                stack.resources().queueUrl("FactoryWorkQueue"), stack.resources().queueUrl("OrchestratorWorkQueue")),
                sweep.stream().map(m -> m.queueUrl()).toList());
        for (var message : sweep) {
            assertEquals("SweepSchedule", message.ruleId());
            assertEquals("{\"type\": \"pipeline.sweep\"}", message.body());
            assertEquals(java.time.Duration.ofMinutes(1), message.rate());
        }
    }

    @Test
    void creates_the_executions_table_with_its_sparse_index_of_due_executions_and_its_index_of_summaries() {
        var indexes = stack.dynamo().describeTable(r -> r.tableName("athanor-local-executions")).table()
                .globalSecondaryIndexes();
        var due = indexes.stream().filter(i -> i.indexName().equals("by_due")).findFirst().orElseThrow();
        assertEquals("due_shard", due.keySchema().get(0).attributeName());
        assertEquals("due_at", due.keySchema().get(1).attributeName());
        var created = indexes.stream().filter(i -> i.indexName().equals("by_created")).findFirst().orElseThrow();
        assertEquals("team_pipeline", created.keySchema().get(0).attributeName());
        assertEquals("created_key", created.keySchema().get(1).attributeName());
        assertEquals(ProjectionType.INCLUDE, created.projection().projectionType());
        assertEquals(java.util.List.of("summary"), created.projection().nonKeyAttributes());
        assertEquals(2, indexes.size());
    }

    @Test
    void creates_the_artifacts_bucket() {
        assertTrue(stack.s3().listBuckets().buckets().stream()
                .anyMatch(b -> b.name().equals("athanor-local-artifacts-000000000000")));
    }

    @Test
    void resolves_a_function_environment_from_the_template() {
        Map<String, String> env = stack.functionEnvironment("FactoryFunction");
        assertEquals("factory", env.get("ATHANOR_SURFACE"));
        assertEquals("athanor-local-settings", env.get("ATHANOR_DYNAMODB_TABLES_SETTINGS"));
        assertEquals(stack.resources().queueUrl("FactoryWorkQueue"), env.get("ATHANOR_QUEUES_WORK"));
        assertEquals("local", env.get("ATHANOR_STAGE"));
    }

    @Test
    void every_function_given_a_database_shares_the_stacks_ledger_and_the_others_get_none() {
        assertTrue(stack.ledgerUrl().startsWith("jdbc:h2:mem:"), stack.ledgerUrl());
        for (String function : new String[] {"LedgerFunction", "FactoryFunction", "GatewayFunction",
                "OrchestratorFunction", "OrchestratorWorkerFunction"}) {
            try (ApplicationContext context = LocalFunctions.contextBuilder(stack, function, Map.of()).start()) {
                boolean hasDatabase = stack.functionEnvironment(function).containsKey(LocalLedger.URL_VARIABLE);
                assertEquals(!function.equals("OrchestratorWorkerFunction"), hasDatabase, function);
                if (hasDatabase) {
                    assertEquals(stack.ledgerUrl(), context.getProperty(LocalLedger.URL_PROPERTY, String.class)
                            .orElseThrow(), function);
                } else {
                    assertFalse(context.containsProperty(LocalLedger.URL_PROPERTY), function);
                }
            }
        }
        try (ApplicationContext overridden = LocalFunctions.contextBuilder(stack, "LedgerFunction",
                Map.of(LocalLedger.URL_PROPERTY, "jdbc:h2:mem:own")).start()) {
            assertEquals("jdbc:h2:mem:own",
                    overridden.getProperty(LocalLedger.URL_PROPERTY, String.class).orElseThrow(),
                    "a test's own database wins");
        }
    }
}
