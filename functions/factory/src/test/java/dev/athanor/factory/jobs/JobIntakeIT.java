package dev.athanor.factory.jobs;

import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Jobs started by messages on the intake queue, which carry no type attribute: the queue itself says what they are. */
@ExtendWith(LocalStackExtension.class)
class JobIntakeIT {

    private static ApplicationContext context;
    private static QueueWorker handler;
    private static QueueSubscription intake;

    @BeforeAll
    static void start() {
        context = TestFunctions.start("FactoryWorkerFunction");
        handler = new QueueWorker(context);
        intake = LocalStackExtension.stack().resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals("IntakeQueue")).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        // the jobs started here queued their first steps; other tests of this JVM read the work queue
        String work = LocalStackExtension.stack().resources().queueUrl("FactoryWorkQueue");
        LocalStackExtension.stack().sqs().purgeQueue(r -> r.queueUrl(work));
        handler.close();
        context.close();
    }

    private static void send(String body) {
        LocalStackExtension.stack().sqs().sendMessage(r -> r.queueUrl(intake.queueUrl()).messageBody(body));
    }

    @Test
    void a_message_on_the_intake_queue_starts_a_job_and_a_bad_one_is_kept_for_the_dlq() {
        String team = "intake-" + UUID.randomUUID();
        send("{\"team_id\":\"" + team + "\",\"job\":{\"name\":\"From Elsewhere\",\"description\":\"A todo app\"}}");
        send("{\"team_id\":\"" + team + "\",\"job\":{\"name\":\"From Elsewhere\",\"description\":\"again\"}}");
        send("{\"team_id\":\"" + team + "\",\"name\":\"Flat Fields\",\"description\":\"A todo app\"}");
        send("{\"team_id\":\"" + team + "\",\"job\":{\"description\":\"no name\"}}");
        SqsPoller poller = new SqsPoller(LocalStackExtension.stack().sqs(), intake, handler,
                new LocalLambdaContext("worker"), LocalStack.REGION, 30);

        int seen = 0;
        for (int i = 0; i < 10 && seen < 4; i++) {
            seen += poller.pollOnce(1);
        }

        FactoryJobs jobs = context.getBean(FactoryJobs.class);
        assertEquals("A todo app", jobs.get(TeamId.of(team), "from-elsewhere").description(), "the first one wins");
        assertEquals("queued", jobs.get(TeamId.of(team), "flat-fields").status());
        assertEquals(2, jobs.all(TeamId.of(team)).size());
        assertThrows(NotFoundException.class, () -> jobs.get(TeamId.of(team), "no-name"));
        var left = LocalStackExtension.stack().sqs().getQueueAttributes(r -> r.queueUrl(intake.queueUrl())
                .attributeNamesWithStrings("ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        assertEquals("1", left.get("ApproximateNumberOfMessagesNotVisible"), "the invalid request failed, to be retried");
    }
}
