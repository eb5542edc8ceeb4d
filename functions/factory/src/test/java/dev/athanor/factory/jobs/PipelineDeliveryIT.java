package dev.athanor.factory.jobs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.aws.usage.UsageMessageCodec;
import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.model.TeamId;
import dev.athanor.model.artifacts.ArtifactStore;
import dev.athanor.model.pipeline.ExecutionStatus;
import dev.athanor.model.pipeline.StepRecord;
import dev.athanor.model.pipeline.StepStatus;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against SQS's delivery rules, on the embedded stack with the sandbox model: duplicates (one after the
 * other, and at once on two workers), a crash between the LLM call and the commit, a step that fails on every
 * delivery, and a change made by another process while a worker holds an older copy of the execution.
 */
@ExtendWith(LocalStackExtension.class)
class PipelineDeliveryIT {

    private static ApplicationContext context;
    private static QueueWorker handler;
    private static FactoryJobs jobs;
    private static PipelineEngine engine;
    private static QueueSubscription work;
    private static SqsPoller poller;
    private static QueueWorker elsewhere;

    private final TeamId team = TeamId.of("delivery-" + UUID.randomUUID());

    @BeforeAll
    static void start() {
        context = TestFunctions.start("FactoryWorkerFunction");
        handler = new QueueWorker(context);
        jobs = context.getBean(FactoryJobs.class);
        engine = context.getBean(PipelineEngine.class);
        work = LocalStackExtension.stack().resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals("FactoryWorkQueue")).findFirst().orElseThrow();
        poller = new SqsPoller(LocalStackExtension.stack().sqs(), work, handler, new LocalLambdaContext("worker"),
                LocalStack.REGION, 0);
    }

    @AfterAll
    static void stop() {
        handler.close();
        context.close();
        if (elsewhere != null) {
            elsewhere.close(); // and its context
        }
    }

    /** A second worker process: its own engine, with no copy of any execution. */
    private static QueueWorker elsewhere() {
        if (elsewhere == null) {
            elsewhere = new QueueWorker(TestFunctions.start("FactoryWorkerFunction"));
        }
        return elsewhere;
    }

    @AfterEach
    void heal() {
        FlakyArtifactStore.FAILURES.clear();
        FlakyArtifactStore.GATES.values().forEach(gate -> gate.open().countDown());
        FlakyArtifactStore.GATES.clear();
        // other tests of this JVM watch the dead-letter queue
        String dlq = LocalStackExtension.stack().resources().queueUrl("FactoryWorkDeadLetterQueue");
        LocalStackExtension.stack().sqs().purgeQueue(r -> r.queueUrl(dlq));
    }

    private String createJob(String name) {
        return jobs.create(team, Map.of("name", name, "description", "A todo list app")).slug();
    }

    private StoredExecution execution(String slug) {
        return engine.find(team, FactoryPipeline.executionId(slug)).orElseThrow();
    }

    /** Polls the work queue until it is empty (or a bound is hit); failed messages come back at once. */
    private static void drain() {
        int idle = 0;
        for (int i = 0; i < 400 && idle < 2; i++) {
            idle = poller.pollOnce(0) == 0 ? idle + 1 : 0;
        }
    }

    private static List<Message> receive(int max) {
        return LocalStackExtension.stack().sqs().receiveMessage(r -> r.queueUrl(work.queueUrl())
                .maxNumberOfMessages(max).waitTimeSeconds(1).visibilityTimeout(30)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
    }

    private static SQSEvent event(Message m) {
        return SqsPoller.event(List.of(m), work, LocalStack.REGION);
    }

    /** The usage events of one job and agent that reached the usage queue (every LLM call publishes one). */
    private List<UsageEvent> calls(String slug, String agent, int atLeast) throws InterruptedException {
        UsageMessageCodec codec = context.getBean(UsageMessageCodec.class);
        String usageQueue = LocalStackExtension.stack().resources().queueUrl("UsageQueue");
        List<UsageEvent> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            List<Message> batch = LocalStackExtension.stack().sqs().receiveMessage(r -> r.queueUrl(usageQueue)
                    .maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(60)).messages();
            for (Message m : batch) {
                UsageEvent e = codec.decode(m.body());
                if (slug.equals(e.job()) && team.value().equals(e.teamId()) && agent.equals(e.agent())) {
                    found.add(e);
                }
            }
            if (batch.isEmpty() && found.size() >= atLeast) {
                break;
            }
        }
        return found;
    }

    private static void assertEveryVisitedPhaseCommittedOnce(StoredExecution stored) {
        for (String phase : context.getBean(FactoryPipeline.class).phases()) {
            StepRecord step = stored.execution().step(phase);
            if (phase.equals("repair")) {
                assertEquals(StepStatus.SKIPPED, step.status());
                continue;
            }
            assertEquals(StepStatus.PASSED, step.status(), phase);
            assertEquals(1, step.commits(), phase + " committed once");
        }
    }

    @Test
    void the_same_step_message_delivered_twice_runs_the_step_once() throws Exception {
        String slug = createJob("Twice Delivered");
        List<Message> first = receive(1);
        assertEquals(1, first.size());
        assertTrue(first.get(0).body().contains("\"state\":\"create\""), first.get(0).body());

        assertEquals(0, handler.handleRequest(event(first.get(0)), new LocalLambdaContext("worker"))
                .getBatchItemFailures().size());
        assertEquals(0, handler.handleRequest(event(first.get(0)), new LocalLambdaContext("worker"))
                .getBatchItemFailures().size());
        LocalStackExtension.stack().sqs().deleteMessage(r -> r.queueUrl(work.queueUrl())
                .receiptHandle(first.get(0).receiptHandle()));

        assertEquals(1, execution(slug).execution().step("create").commits());
        drain();

        StoredExecution done = execution(slug);
        assertEquals(ExecutionStatus.SUCCEEDED, done.execution().status());
        assertEveryVisitedPhaseCommittedOnce(done);
        assertEquals(1, calls(slug, "create_agent", 1).size(), "one LLM call for the create phase");
    }

    @Test
    void a_failure_after_the_llm_call_before_the_commit_is_retried_and_commits_once() throws Exception {
        FlakyArtifactStore.FAILURES.put("/docs/ba.md", new AtomicInteger(1));
        String slug = createJob("Crash Once");

        drain();

        StoredExecution done = execution(slug);
        assertEquals(ExecutionStatus.SUCCEEDED, done.execution().status(), String.valueOf(done.execution().error()));
        assertEveryVisitedPhaseCommittedOnce(done);
        assertEquals(2, calls(slug, "ba_agent", 2).size(), "the ba phase ran twice: the crash, then the retry");
        ArtifactStore artifacts = context.getBean(ArtifactStore.class);
        assertTrue(artifacts.get(team, FactoryPipeline.jobPrefix(slug) + "docs/ba.md").isPresent());
    }

    @Test
    void a_step_that_fails_every_delivery_lands_in_the_dlq_and_fails_its_job_with_the_error() {
        FlakyArtifactStore.FAILURES.put("/docs/backend.md", new AtomicInteger(Integer.MAX_VALUE));
        String dlq = LocalStackExtension.stack().resources().queueUrl("FactoryWorkDeadLetterQueue");
        String slug = createJob("Always Broken");

        drain();

        StoredExecution failed = execution(slug);
        assertEquals(ExecutionStatus.FAILED, failed.execution().status());
        assertEquals("backend: failed on all 5 deliveries: IllegalStateException: injected failure writing jobs/"
                + slug + "/docs/backend.md", failed.execution().error());
        assertEquals(StepStatus.FAILED, failed.execution().step("backend").status());
        assertEquals(StepStatus.PASSED, failed.execution().step("ba").status());
        assertEquals(StepStatus.SKIPPED, failed.execution().step("architect").status());
        List<Message> dead = LocalStackExtension.stack().sqs().receiveMessage(r -> r.queueUrl(dlq)
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertTrue(dead.stream().anyMatch(m -> m.body().contains(FactoryPipeline.executionId(slug))
                && m.body().contains("\"state\":\"backend\"")), "the backend step's message is in the DLQ");
    }

    @Test
    void a_second_delivery_while_the_first_runs_is_refused_and_the_step_runs_once() throws Exception {
        FlakyArtifactStore.Gate gate = new FlakyArtifactStore.Gate();
        FlakyArtifactStore.GATES.put("/docs/create.md", gate);
        String slug = createJob("Two At Once");
        Message message = receive(1).get(0);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<SQSBatchResponse> first = pool.submit(() -> handler.handleRequest(event(message),
                    new LocalLambdaContext("worker")));
            assertTrue(gate.reached().await(30, TimeUnit.SECONDS), "the first delivery is under way");

            // the same message on the same worker (which holds the copy it wrote) and on another one (which reads)
            assertEquals(1, handler.handleRequest(event(message), new LocalLambdaContext("worker"))
                    .getBatchItemFailures().size(), "refused (and retried by SQS) while the step holds its lease");
            assertEquals(1, elsewhere().handleRequest(event(message), new LocalLambdaContext("worker"))
                    .getBatchItemFailures().size(), "refused on another worker too");
            gate.open().countDown();
            assertEquals(0, first.get(30, TimeUnit.SECONDS).getBatchItemFailures().size());
        } finally {
            pool.shutdownNow();
        }
        LocalStackExtension.stack().sqs().deleteMessage(r -> r.queueUrl(work.queueUrl())
                .receiptHandle(message.receiptHandle()));
        drain();

        StoredExecution done = execution(slug);
        assertEquals(ExecutionStatus.SUCCEEDED, done.execution().status());
        assertEveryVisitedPhaseCommittedOnce(done);
        assertEquals(1, calls(slug, "create_agent", 1).size(), "one LLM call for the create phase");
    }

    @Test
    void a_cancel_made_elsewhere_stops_the_job_on_a_worker_holding_an_older_copy() throws Exception {
        String slug = createJob("Cancelled Elsewhere");
        Message create = receive(1).get(0);
        assertEquals(0, handler.handleRequest(event(create), new LocalLambdaContext("worker"))
                .getBatchItemFailures().size());
        LocalStackExtension.stack().sqs().deleteMessage(r -> r.queueUrl(work.queueUrl())
                .receiptHandle(create.receiptHandle()));
        // this worker now holds the copy it wrote, where ba is next; another process asks for the cancel
        elsewhere().getApplicationContext().getBean(FactoryJobs.class).cancel(team, slug);

        drain();

        StoredExecution cancelled = execution(slug);
        assertEquals(ExecutionStatus.CANCELLED, cancelled.execution().status());
        assertEquals(StepStatus.PASSED, cancelled.execution().step("create").status());
        assertEquals(StepStatus.CANCELLED, cancelled.execution().step("ba").status());
        assertEquals(0, calls(slug, "ba_agent", 0).size(), "ba never called its model");
    }
}
