package dev.athanor.factory.work;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.athanor.testkit.SqsEvents.record;

@ExtendWith(LocalStackExtension.class)
class FactoryWorkerIT {

    private static ApplicationContext context;
    private static QueueWorker handler;

    @BeforeAll
    static void start() {
        context = TestFunctions.start("FactoryWorkerFunction");
        handler = new QueueWorker(context);
    }

    @AfterAll
    static void stop() {
        handler.close();
        context.close();
    }

    @BeforeEach
    void clear() {
        RecordingWorkHandlers.HANDLED.clear();
    }

    @Test
    void reports_only_the_failed_messages_of_a_batch() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record("m1", "test.record", "{\"n\":1}"), record("m2", "test.fail", "{}"),
                record("m3", "no.such.type", "{}"), record("m4", "test.record", "{\"n\":4}")));

        SQSBatchResponse response = handler.handleRequest(event, new LocalLambdaContext("worker"));

        assertEquals(List.of("m2", "m3"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(List.of("{\"n\":1}", "{\"n\":4}"), RecordingWorkHandlers.HANDLED.stream().map(m -> m.body()).toList());
    }

    @Test
    void poller_deletes_handled_messages_and_dead_letters_one_that_keeps_failing() {
        LocalStack stack = LocalStackExtension.stack();
        QueueSubscription work = stack.resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals("FactoryWorkQueue")).findFirst().orElseThrow();
        assertEquals(QueueWorker.class.getName(), work.handlerClass());
        assertTrue(work.reportsBatchItemFailures());
        String dlq = stack.resources().queueUrl("FactoryWorkDeadLetterQueue");
        send(work.queueUrl(), "test.record", "ok");
        send(work.queueUrl(), "test.fail", "doomed");

        SqsPoller poller = new SqsPoller(stack.sqs(), work, handler, new LocalLambdaContext("worker"), LocalStack.REGION, 0);
        for (int i = 0; i < 12 && count(work.queueUrl()) + count(dlq) > 0 && count(dlq) == 0; i++) {
            poller.pollOnce(1);
        }

        assertEquals(List.of("ok"), RecordingWorkHandlers.HANDLED.stream().map(m -> m.body()).toList());
        assertEquals(0, count(work.queueUrl()), "nothing left on the work queue");
        var deadLetters = stack.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)).messages();
        assertEquals(List.of("doomed"), deadLetters.stream().map(m -> m.body()).toList());
    }

    private static int count(String queueUrl) {
        Map<QueueAttributeName, String> attributes = LocalStackExtension.stack().sqs().getQueueAttributes(r -> r
                .queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static void send(String queueUrl, String type, String body) {
        LocalStackExtension.stack().sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageAttributes(
                Map.of("type", MessageAttributeValue.builder().dataType("String").stringValue(type).build())));
    }
}
