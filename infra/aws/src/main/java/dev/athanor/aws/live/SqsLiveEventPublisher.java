package dev.athanor.aws.live;

import dev.athanor.aws.sqs.QueueUrls;
import dev.athanor.model.live.LiveEvent;
import dev.athanor.model.live.LiveEventPublisher;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends live events to the FIFO events queue: the event's order key is the message group (a task's events are
 * delivered in order) and its id the deduplication id (the same event sent again within five minutes is dropped by
 * SQS, and later by clients, who see the same id). Returns once SQS accepted every event; throws otherwise, so the
 * change that caused them is retried and sends them again.
 */
@Singleton
@Requires(property = "athanor.queues.live-events")
public class SqsLiveEventPublisher implements LiveEventPublisher {

    private static final int MAX_BATCH = 10;
    private static final Map<String, MessageAttributeValue> ATTRIBUTES = Map.of(WorkMessage.TYPE_ATTRIBUTE,
            MessageAttributeValue.builder().dataType("String").stringValue(LiveEventCodec.TYPE).build());

    private final SqsClient sqs;
    private final LiveEventCodec codec;
    private final String queueUrl;

    public SqsLiveEventPublisher(SqsClient sqs, LiveEventCodec codec, QueueUrls queues) {
        this.sqs = sqs;
        this.codec = codec;
        this.queueUrl = queues.getLiveEvents();
    }

    @Override
    public void publish(List<LiveEvent> events) {
        // one batch at a time, in order: a group's later events must not overtake its earlier ones
        for (int from = 0; from < events.size(); from += MAX_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<LiveEvent> batch = events.subList(from, Math.min(from + MAX_BATCH, events.size()));
            for (int i = 0; i < batch.size(); i++) {
                LiveEvent event = batch.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(codec.encode(event)).messageAttributes(ATTRIBUTES)
                        .messageGroupId(event.orderKey()).messageDeduplicationId(event.id()).build());
            }
            List<BatchResultErrorEntry> failed = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries))
                    .failed();
            if (!failed.isEmpty()) {
                throw new IllegalStateException("The events queue refused " + failed.size() + " live event(s): "
                        + failed.stream().map(f -> f.code() + " " + f.message()).collect(Collectors.joining("; ")));
            }
        }
    }
}
