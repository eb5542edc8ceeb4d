package dev.athanor.aws.usage;

import dev.athanor.aws.sqs.QueueUrls;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsagePublisher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publisher's promises to the call it meters, with SQS replaced by a client that can stall or fail. */
class SqsUsagePublisherTest {

    /** An SQS client whose batch send waits for a gate, records the batch sizes, and may fail. */
    private static final class ScriptedSqs implements SqsClient {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate;
        final boolean fail;
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

        ScriptedSqs(boolean open, boolean fail) {
            this.gate = new CountDownLatch(open ? 0 : 1);
            this.fail = fail;
        }

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new IllegalStateException("SQS is down");
            }
            batchSizes.add(request.entries().size());
            return SendMessageBatchResponse.builder().successful(request.entries().stream()
                    .map(e -> SendMessageBatchResultEntry.builder().id(e.id()).messageId("m-" + e.id()).build())
                    .toList()).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void publish_returns_at_once_while_sqs_is_stalled_and_sends_in_batches_of_at_most_ten() throws Exception {
        ScriptedSqs sqs = new ScriptedSqs(false, false);
        SqsUsagePublisher publisher = publisher(sqs, 100);
        publisher.publish(event(0));
        assertTrue(sqs.entered.await(5, TimeUnit.SECONDS));

        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 1; i <= 25; i++) {
                publisher.publish(event(i));
            }
        });
        sqs.gate.countDown();
        publisher.close();

        assertEquals(List.of(1, 10, 10, 5), sqs.batchSizes);
        assertEquals(26, publisher.sent());
        assertEquals(0, publisher.dropped());
    }

    @Test
    void events_arriving_within_the_linger_share_one_batch_call() throws Exception {
        ScriptedSqs sqs = new ScriptedSqs(true, false);
        // a linger far longer than the 10 ms the events take, so a slow moment of the machine cannot split them
        SqsUsagePublisher publisher = publisher(sqs, 100, Duration.ofSeconds(2));

        for (int i = 0; i < 3; i++) {
            publisher.publish(event(i));
            Thread.sleep(5);
        }
        publisher.close();

        assertEquals(List.of(3), sqs.batchSizes);
    }

    @Test
    void a_full_buffer_drops_and_counts_instead_of_blocking() throws Exception {
        ScriptedSqs sqs = new ScriptedSqs(false, false);
        SqsUsagePublisher publisher = publisher(sqs, 2);
        publisher.publish(event(0));
        assertTrue(sqs.entered.await(5, TimeUnit.SECONDS)); // the sender holds event 0; the buffer is empty

        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 1; i <= 5; i++) {
                publisher.publish(event(i));
            }
        });

        assertEquals(3, publisher.dropped());
        sqs.gate.countDown();
        publisher.close();
        assertEquals(3, publisher.sent());
    }

    @Test
    void publish_never_throws_when_sqs_fails_and_the_failure_is_counted() {
        ScriptedSqs sqs = new ScriptedSqs(true, true);
        SqsUsagePublisher publisher = publisher(sqs, 10);

        publisher.publish(event(1));
        publisher.publish(null);
        publisher.close();

        assertEquals(1, publisher.lost());
        assertEquals(0, publisher.sent());
    }

    @Test
    void after_shutdown_events_are_dropped_not_queued() {
        SqsUsagePublisher publisher = publisher(new ScriptedSqs(true, false), 10);
        publisher.close();

        publisher.publish(event(1));

        assertEquals(1, publisher.dropped());
    }

    @Test
    void the_publisher_exists_only_where_the_usage_queue_is_configured() {
        try (ApplicationContext without = ApplicationContext.run(Map.of("aws.region", "us-east-1"))) {
            assertFalse(without.containsBean(UsagePublisher.class));
        }
        try (ApplicationContext with = ApplicationContext.run(Map.of("aws.region", "us-east-1",
                "athanor.queues.usage", "http://localhost:9324/000000000000/usage"))) {
            assertTrue(with.getBean(UsagePublisher.class) instanceof SqsUsagePublisher);
        }
    }

    private static SqsUsagePublisher publisher(SqsClient sqs, int capacity) {
        return publisher(sqs, capacity, Duration.ofMillis(50));
    }

    private static SqsUsagePublisher publisher(SqsClient sqs, int capacity, Duration linger) {
        QueueUrls queues = new QueueUrls() {
            @Override
            public String getWork() {
                return null;
            }

            @Override
            public String getUsage() {
                return "http://localhost:9324/000000000000/usage";
            }

            @Override
            public String getLiveEvents() {
                return null;
            }
        };
        UsagePublisherConfiguration configuration = new UsagePublisherConfiguration() {
            @Override
            public int getBufferCapacity() {
                return capacity;
            }

            @Override
            public Duration getShutdownTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration getLinger() {
                return linger;
            }
        };
        return new SqsUsagePublisher(() -> sqs, new UsageMessageCodec(JsonMapper.createDefault()), queues, configuration);
    }

    private static UsageEvent event(int n) {
        return new UsageEvent("e" + n, "team-a", "gateway", null, null, null, "openai", "gpt-4o", 10, 5,
                BigDecimal.ONE, 100, null, "ok", Instant.parse("2025-06-01T12:00:00Z"));
    }
}
