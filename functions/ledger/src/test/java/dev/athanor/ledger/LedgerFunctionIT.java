package dev.athanor.ledger;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.aws.usage.UsageMessageCodec;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.model.TeamId;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.model.usage.UsageSummary;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.athanor.testkit.SqsEvents.event;
import static dev.athanor.testkit.SqsEvents.failures;
import static dev.athanor.testkit.SqsEvents.record;

/**
 * Usage messages through the ledger function's real handler class into the ledger (H2 in PostgreSQL mode, migrated
 * by Flyway at start-up, as the function runs without a PostgreSQL parameter).
 */
@ExtendWith(LocalStackExtension.class)
class LedgerFunctionIT {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final TeamId TEAM = TeamId.of("team-a");

    private static ApplicationContext context;
    private static QueueWorker handler;
    private static UsageMessageCodec codec;
    private static UsageLedger ledger;

    @BeforeAll
    static void start() {
        context = TestFunctions.start("LedgerFunction", Map.of("datasources.default.url", "jdbc:h2:mem:worker"
                + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"));
        handler = new QueueWorker(context);
        codec = context.getBean(UsageMessageCodec.class);
        ledger = context.getBean(UsageLedger.class);
    }

    @AfterAll
    static void stop() {
        handler.close();
        context.close();
    }

    @BeforeEach
    void clear() {
        context.getBean(JdbcOperations.class).execute(c -> c.createStatement().executeUpdate("DELETE FROM usage_ledger"));
    }

    @Test
    void a_batch_of_usage_messages_is_written_and_a_redelivery_writes_nothing_more() {
        SQSEvent batch = event(usage("m1", call("c1", "gpt-4o", "0.50")), usage("m2", call("c2", "gpt-4o", "0.25")),
                usage("m3", call("c3", "claude-3-5-sonnet", "1.00")),
                usage("m4", call("c1", "gpt-4o", "0.50"))); // the same call published twice

        assertEquals(List.of(), failures(handler.handleRequest(batch, new LocalLambdaContext("worker"))));
        assertEquals(List.of(), failures(handler.handleRequest(batch, new LocalLambdaContext("worker"))));

        UsageSummary summary = ledger.summarize(TEAM, T0, T0.plusSeconds(60));
        assertEquals(3, summary.totals().calls());
        assertEquals(0, new BigDecimal("1.75").compareTo(summary.totals().costUsd()));
        assertEquals(List.of("claude-3-5-sonnet", "gpt-4o"), summary.byModel().stream().map(m -> m.model()).toList());
    }

    @Test
    void a_malformed_usage_message_is_the_only_failure_of_its_batch() {
        SQSEvent batch = event(usage("ok-1", call("c1", "gpt-4o", "0.50")),
                record("bad-json", "usage", "{not json"),
                record("no-team", "usage", "{\"id\":\"c9\",\"status\":\"ok\",\"occurred_at\":\"2025-06-01T12:00:00Z\"}"),
                usage("ok-2", call("c2", "gpt-4o", "0.25")));

        SQSBatchResponse response = handler.handleRequest(batch, new LocalLambdaContext("worker"));

        assertEquals(List.of("bad-json", "no-team"), failures(response));
        assertEquals(2, ledger.summarize(TEAM, T0, T0.plusSeconds(60)).totals().calls());
    }

    @Test
    void when_the_ledger_write_fails_every_usage_message_of_the_batch_fails_and_other_work_is_unaffected() {
        String tooLongForTheModelColumn = "m".repeat(300);
        SQSEvent batch = event(usage("u1", call("c1", "gpt-4o", "0.50")),
                record("w1", "no.such.work", "{}"),
                usage("u2", call("c2", tooLongForTheModelColumn, "0.25")));

        SQSBatchResponse response = handler.handleRequest(batch, new LocalLambdaContext("worker"));

        assertEquals(List.of("u1", "w1", "u2"), failures(response));
        assertEquals(0, ledger.summarize(TEAM, T0, T0.plusSeconds(60)).totals().calls(), "nothing half-written");
    }

    @Test
    void the_local_poller_feeds_the_usage_queue_to_the_worker() {
        LocalStack stack = LocalStackExtension.stack();
        QueueSubscription usage = stack.resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals("UsageQueue")).findFirst().orElseThrow();
        assertEquals("LedgerFunction", usage.functionId());
        assertEquals(QueueWorker.class.getName(), usage.handlerClass());
        assertEquals(100, usage.batchSize());
        assertTrue(usage.reportsBatchItemFailures());
        for (int i = 0; i < 3; i++) {
            String body = codec.encode(call("q" + i, "gpt-4o-mini", "0.01"));
            stack.sqs().sendMessage(r -> r.queueUrl(usage.queueUrl()).messageBody(body).messageAttributes(Map.of("type",
                    MessageAttributeValue.builder().dataType("String").stringValue("usage").build())));
        }

        SqsPoller poller = new SqsPoller(stack.sqs(), usage, handler, new LocalLambdaContext("worker"), LocalStack.REGION, 0);
        int received = 0;
        for (int i = 0; i < 10 && received < 3; i++) {
            received += poller.pollOnce(1);
        }

        assertEquals(3, ledger.summarize(TEAM, T0, T0.plusSeconds(60)).totals().calls());
    }

    private static UsageEvent call(String id, String model, String cost) {
        return new UsageEvent(id, TEAM.value(), "gateway", "p1", null, null, "openai", model, 100, 20,
                new BigDecimal(cost), 250, 40L, "ok", T0.plusSeconds(1));
    }

    private static SQSEvent.SQSMessage usage(String messageId, UsageEvent call) {
        return record(messageId, "usage", codec.encode(call));
    }
}
