package dev.athanor.factory.jobs;

import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.local.template.ScheduledMessage;
import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityEntry;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.Checkpoint;
import dev.athanor.model.pipeline.CheckpointStore;
import dev.athanor.model.pipeline.ExecutionStatus;
import dev.athanor.model.pipeline.StepRecord;
import dev.athanor.model.pipeline.StepStatus;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crash between a commit and what the commit asked for (a step message, an approval's checkpoint, an end entry)
 * loses that effect; nothing else would notice, and the execution would wait forever. Here each effect is lost after
 * each kind of commit (start, a step's result, approve, reject, cancel), and the schedule's sweep message, handled by
 * a worker two hours later, has it carried out again.
 */
@ExtendWith(LocalStackExtension.class)
class OutboxSweepIT {

    private static ApplicationContext worker;
    private static QueueWorker handler;
    private static QueueWorker later;
    private static ScheduledMessage sweep;
    private static FactoryJobs jobs;
    private static PipelineEngine engine;
    private static CheckpointStore checkpoints;
    private static ActivityLog activity;
    private static QueueSubscription work;

    private final TeamId team = TeamId.of("sweep-" + UUID.randomUUID());

    @BeforeAll
    static void start() {
        worker = TestFunctions.start("FactoryWorkerFunction");
        handler = new QueueWorker(worker);
        later = new QueueWorker(TestFunctions.start("FactoryWorkerFunction", Map.of("test.clock-ahead", "2h")));
        sweep = LocalStackExtension.stack().resources().scheduledMessages().stream()
                .filter(m -> m.ruleId().equals("SweepSchedule") && m.queueId().equals("FactoryWorkQueue")).findFirst()
                .orElseThrow();
        jobs = worker.getBean(FactoryJobs.class);
        engine = worker.getBean(PipelineEngine.class);
        checkpoints = worker.getBean(CheckpointStore.class);
        activity = worker.getBean(ActivityLog.class);
        work = LocalStackExtension.stack().resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals("FactoryWorkQueue")).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        LossyActivityLog.LOSE.clear();
        handler.close();
        later.close();
    }

    @Test
    void a_job_whose_every_message_and_checkpoint_is_lost_once_still_finishes_with_one_result_per_phase() {
        String id = create("Lost Mail", List.of("security"));
        assertEquals(1, lose(id), "the start sent the first step's message");
        run(handler, scheduled()); // a sweep now
        assertEquals(List.of(), take(id), "not yet overdue: nothing is sent again");
        redeliver(id);

        int lost = 1;
        boolean checkpointLost = false;
        for (int guard = 0; guard < 40 && !execution(id).execution().status().isFinal(); guard++) {
            StoredExecution now = execution(id);
            if (now.execution().status() == ExecutionStatus.WAITING) {
                String token = now.execution().currentToken();
                if (!checkpointLost) {
                    checkpoints.deleteFor(team, id); // the commit was made, the checkpoint never written
                    assertEquals(List.of(), checkpoints.list(team, null, PageRequest.first(50)).items());
                    run(later, scheduled());
                    List<Checkpoint> back = checkpoints.list(team, null, PageRequest.first(50)).items();
                    assertEquals(1, back.size(), "the sweeper opened the awaited checkpoint");
                    assertEquals(token, back.get(0).token());
                    assertEquals(Checkpoint.PENDING, back.get(0).status());
                    checkpointLost = true;
                }
                engine.decide(team, id, token, true, "ana", null);
            }
            assertEquals(1, lose(id), "the commit sent the next step's message");
            lost++;
            redeliver(id);
        }

        StoredExecution done = execution(id);
        assertEquals(ExecutionStatus.SUCCEEDED, done.execution().status(), String.valueOf(done.execution().error()));
        assertTrue(checkpointLost, "the job waited for its security review");
        assertEquals(12, lost, "every phase's message was lost once (repair is skipped)");
        for (String phase : worker.getBean(FactoryPipeline.class).phases()) {
            StepRecord step = done.execution().step(phase);
            if (phase.equals("repair")) {
                assertEquals(StepStatus.SKIPPED, step.status());
            } else {
                assertEquals(StepStatus.PASSED, step.status(), phase);
                assertEquals(1, step.commits(), phase + " committed once");
            }
        }
        assertEquals(List.of(), take(id), "no message of the job is left over");
    }

    @Test
    void a_rejection_whose_end_entry_was_lost_is_recorded_by_the_sweeper_once() {
        String id = create("Turned Down", List.of("security"));
        for (int guard = 0; guard < 40 && execution(id).execution().status() != ExecutionStatus.WAITING; guard++) {
            take(id).forEach(m -> run(handler, m));
        }
        String token = execution(id).execution().currentToken();
        LossyActivityLog.LOSE.add(token + ":end");

        engine.decide(team, id, token, false, "ana", "not this time");
        StoredExecution failed = execution(id);
        assertEquals(ExecutionStatus.FAILED, failed.execution().status());
        assertEquals(List.of(), activity.recent(team, "execution_failed", 10), "the end entry was lost");

        run(later, scheduled());
        List<ActivityEntry> ended = activity.recent(team, "execution_failed", 10);
        assertEquals(1, ended.size());
        assertEquals(failed.execution().finishedAt(), ended.get(0).at(), "the entry keeps the time of the end");
        assertNull(execution(id).dueAt(), "looked at once, then no more");
        assertEquals(List.of(), take(id));
    }

    @Test
    void a_cancel_of_a_job_whose_first_message_was_lost_ends_it_once_the_sweeper_sends_that_message() {
        String id = create("Never Started", List.of());
        assertEquals(1, lose(id));
        jobs.cancel(team, "never-started");
        assertEquals(ExecutionStatus.RUNNING, execution(id).execution().status(), "a cancel waits for the next step");
        assertEquals(List.of(), take(id), "and sends nothing of its own");

        redeliver(id);

        StoredExecution cancelled = execution(id);
        assertEquals(ExecutionStatus.CANCELLED, cancelled.execution().status());
        assertEquals(StepStatus.CANCELLED, cancelled.execution().step("create").status());
        assertEquals(0, cancelled.execution().step("create").commits(), "the create phase never ran");
    }

    private String create(String name, List<String> review) {
        String slug = jobs.create(team, Map.of("name", name, "description", "A todo list app", "review", review)).slug();
        return FactoryPipeline.executionId(slug);
    }

    private StoredExecution execution(String id) {
        return engine.find(team, id).orElseThrow();
    }

    /** Two hours on, a sweep sends the lost message again; the worker runs it. */
    private void redeliver(String id) {
        run(later, scheduled());
        List<Message> back = take(id);
        assertEquals(1, back.size(), "its one step message, once");
        run(handler, back.get(0));
    }

    /** The schedule's message, put on the work queue as the rule does, and received from it. */
    private static Message scheduled() {
        sqs().sendMessage(r -> r.queueUrl(sweep.queueUrl()).messageBody(sweep.body()));
        List<Message> received = take(m -> m.body().equals(sweep.body()));
        assertEquals(1, received.size());
        return received.get(0);
    }

    /** Deletes the execution's messages now in the queue, as if they had never been sent. */
    private int lose(String id) {
        List<Message> mine = take(id);
        mine.forEach(m -> sqs().deleteMessage(r -> r.queueUrl(work.queueUrl()).receiptHandle(m.receiptHandle())));
        return mine.size();
    }

    private static void run(QueueWorker worker, Message message) {
        var failures = worker.handleRequest(SqsPoller.event(List.of(message), work, LocalStack.REGION),
                new LocalLambdaContext("worker")).getBatchItemFailures();
        assertEquals(List.of(), failures);
        sqs().deleteMessage(r -> r.queueUrl(work.queueUrl()).receiptHandle(message.receiptHandle()));
    }

    /** The messages of execution {@code id} now in the work queue, received. */
    private static List<Message> take(String id) {
        return take(m -> m.body().contains("\"" + id + "\""));
    }

    /** Receives every message now visible in the work queue; keeps those that match, releases the rest. */
    private static List<Message> take(Predicate<Message> wanted) {
        List<Message> mine = new ArrayList<>();
        List<Message> others = new ArrayList<>();
        for (List<Message> batch = receive(); !batch.isEmpty(); batch = receive()) {
            batch.forEach(m -> (wanted.test(m) ? mine : others).add(m));
        }
        others.forEach(m -> sqs().changeMessageVisibility(r -> r.queueUrl(work.queueUrl())
                .receiptHandle(m.receiptHandle()).visibilityTimeout(0)));
        return mine;
    }

    private static List<Message> receive() {
        return sqs().receiveMessage(r -> r.queueUrl(work.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(0)
                .visibilityTimeout(60).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private static SqsClient sqs() {
        return LocalStackExtension.stack().sqs();
    }
}
