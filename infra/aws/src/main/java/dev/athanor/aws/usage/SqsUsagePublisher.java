package dev.athanor.aws.usage;

import dev.athanor.aws.sqs.QueueUrls;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsagePublisher;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends usage events to the usage queue off the request path. {@link #publish} only offers the event to a bounded
 * buffer; one daemon thread drains it in SendMessageBatch calls of up to ten. When the buffer is full the event is
 * dropped and counted: metering must never slow down or fail the call it measures. Shutdown sends what is left.
 * <p>
 * The thread starts with the first event rather than at start-up, so a SnapStart snapshot holds no running sender.
 */
@Singleton
@Requires(property = "athanor.queues.usage")
public class SqsUsagePublisher implements UsagePublisher {

    static final int MAX_BATCH = 10;

    private static final Logger LOG = LoggerFactory.getLogger(SqsUsagePublisher.class);
    private static final int ATTEMPTS = 3;
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Map<String, MessageAttributeValue> ATTRIBUTES = Map.of(WorkMessage.TYPE_ATTRIBUTE,
            MessageAttributeValue.builder().dataType("String").stringValue(UsageMessageCodec.TYPE).build());

    private final BeanProvider<SqsClient> sqs;
    private final UsageMessageCodec codec;
    private final String queueUrl;
    private final Duration shutdownTimeout;
    private final long lingerNanos;
    private final BlockingQueue<UsageEvent> buffer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile long lastDropWarning;
    private volatile boolean closing;
    private Thread sender;

    public SqsUsagePublisher(BeanProvider<SqsClient> sqs, UsageMessageCodec codec, QueueUrls queues,
                             UsagePublisherConfiguration configuration) {
        this.sqs = sqs;
        this.codec = codec;
        this.queueUrl = queues.getUsage();
        this.shutdownTimeout = configuration.getShutdownTimeout();
        this.lingerNanos = configuration.getLinger().toNanos();
        this.buffer = new ArrayBlockingQueue<>(configuration.getBufferCapacity());
    }

    @Override
    public void publish(UsageEvent event) {
        try {
            if (event == null) {
                return;
            }
            if (closing || !buffer.offer(event)) {
                drop(event);
                return;
            }
            startSender();
        } catch (RuntimeException | Error e) {
            // whatever happens here, the metered call goes on
            LOG.warn("Usage event {} not published", event == null ? null : event.id(), e);
        }
    }

    /** Events dropped because the buffer was full or the publisher was shutting down. */
    public long dropped() {
        return dropped.get();
    }

    /** Events SQS accepted. */
    public long sent() {
        return sent.get();
    }

    /** Events taken from the buffer that SQS did not accept after every attempt. */
    public long lost() {
        return lost.get();
    }

    private void drop(UsageEvent event) {
        long count = dropped.incrementAndGet();
        long now = System.nanoTime();
        if (count == 1 || now - lastDropWarning > WARN_INTERVAL_NANOS) {
            lastDropWarning = now;
            LOG.warn("Usage buffer full or closed: dropped usage event {} of team {} ({} dropped so far)",
                    event.id(), event.teamId(), count);
        }
    }

    private synchronized void startSender() {
        if (sender == null && !closing) {
            sender = new Thread(this::drain, "usage-publisher");
            sender.setDaemon(true);
            sender.start();
        }
    }

    private void drain() {
        List<UsageEvent> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                UsageEvent first = buffer.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                fill(batch);
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the sender must outlive any one bad batch
                lost.addAndGet(batch.size());
                LOG.warn("Usage batch of {} events could not be sent", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    /** Tops the batch up to ten events, waiting at most the linger for more to arrive (not while shutting down). */
    private void fill(List<UsageEvent> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        buffer.drainTo(batch, MAX_BATCH - batch.size());
        while (batch.size() < MAX_BATCH && !closing) {
            long left = deadline - System.nanoTime();
            UsageEvent next = left > 0 ? buffer.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            buffer.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    private void send(List<UsageEvent> events) throws InterruptedException {
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            pending.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(codec.encode(events.get(i))).messageAttributes(ATTRIBUTES).build());
        }
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            try {
                List<SendMessageBatchRequestEntry> entries = pending;
                SendMessageBatchResponse response = sqs.get().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
                sent.addAndGet(response.successful().size());
                pending = retryable(entries, response.failed());
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.warn("Sending a usage batch failed {} times", ATTEMPTS, e);
                    break;
                }
                LOG.debug("Sending usage batch failed (attempt {}); retrying", attempt, e);
            }
            if (!pending.isEmpty() && attempt < ATTEMPTS) {
                Thread.sleep(100L << attempt);
            }
        }
        if (!pending.isEmpty()) {
            lost.addAndGet(pending.size());
            LOG.warn("{} usage events were not accepted by the usage queue", pending.size());
        }
    }

    /** The entries worth sending again: SQS says a sender fault (a bad request) will fail every time. */
    private List<SendMessageBatchRequestEntry> retryable(List<SendMessageBatchRequestEntry> entries,
                                                         List<BatchResultErrorEntry> failed) {
        List<SendMessageBatchRequestEntry> again = new ArrayList<>();
        for (BatchResultErrorEntry error : failed) {
            if (Boolean.TRUE.equals(error.senderFault())) {
                lost.incrementAndGet();
                LOG.warn("Usage queue rejected an event: {} {}", error.code(), error.message());
            } else {
                entries.stream().filter(e -> e.id().equals(error.id())).findFirst().ifPresent(again::add);
            }
        }
        return again;
    }

    /** Sends what is buffered, waiting at most the configured shutdown timeout. */
    @PreDestroy
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            running = sender;
        }
        if (running == null) {
            return;
        }
        try {
            running.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!buffer.isEmpty()) {
            LOG.warn("{} usage events were still buffered at shutdown and are lost", buffer.size());
        }
    }
}
