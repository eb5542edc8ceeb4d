package dev.athanor.aws.usage;

import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsagePublisher;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publisher of an HTTP surface, configured from template.yaml, against the ElasticMQ stand-in of SQS. */
@ExtendWith(LocalStackExtension.class)
class SqsUsagePublisherIT {

    @Test
    void published_events_arrive_on_the_usage_queue_typed_usage_with_their_json_body() {
        String queueUrl = LocalStackExtension.stack().resources().queueUrl("UsageQueue");
        List<UsageEvent> published = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            published.add(new UsageEvent("call-" + (100 + i), "team-a", "gateway", "p1", null, "writer", "openai",
                    "gpt-4o-mini", 10 + i, 5, new BigDecimal("0.0000045"), 300 + i, i % 2 == 0 ? 40L : null,
                    "ok", Instant.parse("2025-06-01T12:00:00Z").plusSeconds(i), i % 3 == 0 ? null : "user-" + i,
                    i % 2 == 0 ? "key-" + i : null, "chat_completion", "metered", null));
        }

        ApplicationContext context = TestFunctions.start("GatewayFunction");
        UsagePublisher publisher = context.getBean(UsagePublisher.class);
        assertInstanceOf(SqsUsagePublisher.class, publisher, "ATHANOR_QUEUES_USAGE selects the SQS publisher");
        published.forEach(publisher::publish);
        context.close(); // shutdown sends what is still buffered

        List<Message> received = receiveAll(LocalStackExtension.stack().sqs(), queueUrl, published.size());
        UsageMessageCodec codec = new UsageMessageCodec(io.micronaut.json.JsonMapper.createDefault());
        received.forEach(m -> assertEquals("usage", m.messageAttributes().get("type").stringValue(), m.body()));
        List<UsageEvent> events = received.stream().map(m -> codec.decode(m.body()))
                .sorted(Comparator.comparing(UsageEvent::id)).toList();
        assertEquals(published.size(), events.size());
        for (int i = 0; i < published.size(); i++) {
            UsageEvent expected = published.get(i);
            UsageEvent actual = events.get(i);
            assertEquals(expected.id(), actual.id());
            assertEquals(expected.teamId(), actual.teamId());
            assertEquals(expected.ttftMs(), actual.ttftMs());
            assertEquals(expected.occurredAt(), actual.occurredAt());
            assertEquals(0, expected.costUsd().compareTo(actual.costUsd()));
            assertEquals(withCost(expected, actual.costUsd()), actual, "every other field survives the trip as is");
        }
        assertTrue(received.get(0).body().contains("\"team_id\":\"team-a\""), received.get(0).body());
    }

    private static UsageEvent withCost(UsageEvent e, BigDecimal cost) {
        return new UsageEvent(e.id(), e.teamId(), e.surface(), e.project(), e.job(), e.agent(), e.provider(), e.model(),
                e.promptTokens(), e.completionTokens(), cost, e.latencyMs(), e.ttftMs(), e.status(), e.occurredAt(),
                e.userId(), e.apiKeyId(), e.requestType(), e.source(), e.metadata());
    }

    private static List<Message> receiveAll(SqsClient sqs, String queueUrl, int expected) {
        List<Message> messages = new ArrayList<>();
        for (int polls = 0; polls < 20 && messages.size() < expected; polls++) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            messages.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        }
        return messages;
    }
}
