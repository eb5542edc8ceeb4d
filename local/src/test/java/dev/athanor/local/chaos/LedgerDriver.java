package dev.athanor.local.chaos;

import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.model.TeamId;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.testkit.Await;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static dev.athanor.local.chaos.ChaosIT.DUPLICATE_RATE;
import static dev.athanor.local.chaos.ChaosIT.FACTORY;
import static dev.athanor.local.chaos.ChaosIT.PROMPT_LAB;
import static dev.athanor.local.chaos.ChaosIT.decision;
import static dev.athanor.local.chaos.ChaosIT.sqs;
import static dev.athanor.local.chaos.ChaosIT.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ledger function, started beside the workers, writing the usage queue to the ledger once they are done, as
 * its event source delivers it: batches of up to ten, 20% of them delivered twice.
 */
final class LedgerDriver {

    /** What the ledger holds for the run: rows by surface + job. */
    record Rows(Map<String, Long> rowsByJob, long rows, long failedRows, long batches, long duplicateBatches) {
    }

    private final TeamId team;
    private final long seed;
    private final QueueSubscription usage = stack().resources().queueSubscriptions().stream()
            .filter(s -> s.queueId().equals("UsageQueue")).findFirst().orElseThrow();
    private final ApplicationContext context = TestFunctions.start("LedgerFunction");
    private final QueueWorker worker = new QueueWorker(context);
    private long batches;
    private long duplicateBatches;

    LedgerDriver(TeamId team, long seed) {
        this.team = team;
        this.seed = seed;
    }

    /** Drains the usage queue and reads the ledger once it holds every published event. */
    Rows drain() throws Exception {
        try (context) {
            UsageLedger ledger = context.getBean(UsageLedger.class);
            long published = Faults.PUBLISHED.values().stream().mapToLong(AtomicLong::get).sum();
            // the workers' contexts are closed: every event they published is on the queue or written
            Map<String, Long> all = Await.until(() -> {
                while (drainOnce() > 0) {
                    // until the queue is empty
                }
                Map<String, Long> byJob = new TreeMap<>();
                for (String surface : List.of(FACTORY, PROMPT_LAB)) {
                    ledger.byJob(team, surface).forEach(g -> byJob.put(Faults.key(surface, g.key()),
                            g.totals().calls()));
                }
                return byJob;
            }, byJob -> byJob.values().stream().mapToLong(Long::longValue).sum() >= published,
                    Duration.ofSeconds(30));
            long failed = ledger.totals(team, FACTORY).failedCalls()
                    + ledger.totals(team, PROMPT_LAB).failedCalls();
            return new Rows(all, all.values().stream().mapToLong(Long::longValue).sum(), failed, batches,
                    duplicateBatches);
        }
    }

    private int drainOnce() {
        List<Message> batch = sqs().receiveMessage(r -> r.queueUrl(usage.queueUrl()).maxNumberOfMessages(10)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (batch.isEmpty()) {
            return 0;
        }
        batches++;
        var event = SqsPoller.event(batch, usage, LocalStack.REGION);
        assertEquals(List.of(), worker.handleRequest(event, new LocalLambdaContext("ledger"))
                .getBatchItemFailures());
        if (decision(seed, "ledger batch " + batches).nextDouble() < DUPLICATE_RATE) {
            duplicateBatches++;
            assertEquals(List.of(), worker.handleRequest(event, new LocalLambdaContext("ledger"))
                    .getBatchItemFailures());
        }
        sqs().deleteMessageBatch(r -> r.queueUrl(usage.queueUrl()).entries(batch.stream()
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                        .receiptHandle(m.receiptHandle()).build()).toList()));
        return batch.size();
    }
}
