package dev.athanor.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.local.template.QueueSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Does locally what Lambda's SQS event source mapping does in the cloud: receives a batch, hands it to the handler
 * as an {@link SQSEvent}, deletes the messages that succeeded and leaves the failed ones to reappear after the
 * visibility timeout (and, past maxReceiveCount, to move to the dead-letter queue).
 */
public final class SqsPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);

    private final SqsClient sqs;
    private final QueueSubscription subscription;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Context context;
    private final String region;
    private final Thread thread;
    private final Integer retryDelaySeconds;
    private volatile boolean running = true;

    /**
     * @param retryDelaySeconds how soon a failed message is visible again; {@code null} leaves it to the queue's
     *                          visibility timeout, as in the cloud
     */
    public SqsPoller(SqsClient sqs, QueueSubscription subscription, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                     Context context, String region, Integer retryDelaySeconds) {
        this.sqs = sqs;
        this.retryDelaySeconds = retryDelaySeconds;
        this.subscription = subscription;
        this.handler = handler;
        this.context = context;
        this.region = region;
        this.thread = new Thread(this::run, "sqs-poller-" + subscription.queueId());
        this.thread.setDaemon(true);
    }

    public SqsPoller start() {
        thread.start();
        return this;
    }

    /** Receives one batch (waiting up to {@code waitSeconds}) and processes it; returns how many messages came. */
    public int pollOnce(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(subscription.queueUrl())
                .maxNumberOfMessages(Math.min(subscription.batchSize(), 10))
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        Set<String> failed;
        try {
            SQSBatchResponse response = handler.handleRequest(event(messages, subscription, region), context);
            failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                    : response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        } catch (RuntimeException e) {
            LOG.warn("Handler {} failed the whole batch from {}", subscription.handlerClass(), subscription.queueId(), e);
            retryLater(messages);
            return messages.size();
        }
        if (!subscription.reportsBatchItemFailures() && !failed.isEmpty()) {
            retryLater(messages); // without partial reporting a failure retries the whole batch, as in Lambda
            return messages.size();
        }
        retryLater(messages.stream().filter(m -> failed.contains(m.messageId())).toList());
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(subscription.queueUrl()).entries(done));
        }
        return messages.size();
    }

    private void retryLater(List<Message> messages) {
        if (retryDelaySeconds == null) {
            return;
        }
        for (Message m : messages) {
            sqs.changeMessageVisibility(r -> r.queueUrl(subscription.queueUrl()).receiptHandle(m.receiptHandle())
                    .visibilityTimeout(retryDelaySeconds));
        }
    }

    private void run() {
        while (running) {
            try {
                pollOnce(1);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Polling {} failed; retrying", subscription.queueId(), e);
                    sleep();
                }
            }
        }
    }

    /** The Lambda event SQS would deliver for {@code messages} received from {@code subscription}'s queue. */
    public static SQSEvent event(List<Message> messages, QueueSubscription subscription, String region) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            record.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            m.messageAttributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(value.dataType());
                attribute.setStringValue(value.stringValue());
                messageAttributes.put(name, attribute);
            });
            record.setMessageAttributes(messageAttributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(subscription.queueArn());
            record.setAwsRegion(region);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(3_000);
    }
}
