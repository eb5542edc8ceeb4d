package dev.athanor.core.work;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes the messages of a batch to the handlers of their types and reports the ones that failed, so only those are
 * retried (partial batch failure). A type with a {@link BatchWorkHandler} gets all its messages in one call; other
 * types go one message at a time. A message of a type nobody handles fails too: dropping it would lose work.
 */
@Singleton
public class WorkDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkDispatcher.class);

    private final Map<String, WorkHandler> handlers = new HashMap<>();
    private final Map<String, BatchWorkHandler> batchHandlers = new HashMap<>();
    /** Queue name to the type of all its messages, for queues whose producers set no type ({@link WorkHandler#queue}). */
    private final Map<String, String> typeByQueue = new HashMap<>();
    private final JsonMapper json;

    public WorkDispatcher(List<WorkHandler> handlers, List<BatchWorkHandler> batchHandlers, JsonMapper json) {
        this.json = json;
        for (WorkHandler handler : handlers) {
            register(this.handlers, handler.type(), handler);
            handler.queue().filter(name -> !name.isBlank()).ifPresent(name -> {
                String other = typeByQueue.putIfAbsent(name, handler.type());
                if (other != null) {
                    throw new IllegalStateException("Queue " + name + " is claimed by the work types " + other
                            + " and " + handler.type());
                }
            });
        }
        for (BatchWorkHandler handler : batchHandlers) {
            if (this.handlers.containsKey(handler.type())) {
                throw duplicate(handler.type(), this.handlers.get(handler.type()), handler);
            }
            register(this.batchHandlers, handler.type(), handler);
        }
    }

    private static <H> void register(Map<String, H> registry, String type, H handler) {
        H previous = registry.put(type, handler);
        if (previous != null) {
            throw duplicate(type, previous, handler);
        }
    }

    private static IllegalStateException duplicate(String type, Object first, Object second) {
        return new IllegalStateException("Two handlers for work type " + type + ": " + first.getClass().getName()
                + " and " + second.getClass().getName());
    }

    public SQSBatchResponse dispatch(SQSEvent event) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        Set<String> failed = new HashSet<>();
        Map<BatchWorkHandler, List<WorkMessage>> batches = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage record : records) {
            WorkMessage message = toMessage(record);
            BatchWorkHandler batchHandler = batchHandlers.get(message.type());
            if (batchHandler != null) {
                batches.computeIfAbsent(batchHandler, h -> new ArrayList<>()).add(message);
            } else if (!handleOne(message)) {
                failed.add(message.messageId());
            }
        }
        batches.forEach((handler, messages) -> failed.addAll(handleBatch(handler, messages)));
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : records) {
            if (failed.remove(record.getMessageId())) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private boolean handleOne(WorkMessage message) {
        try {
            WorkHandler handler = handlers.get(message.type());
            if (handler == null) {
                throw new IllegalArgumentException("No handler for work type '" + message.type() + "'");
            }
            handler.handle(message);
            return true;
        } catch (Exception e) {
            LOG.error("Work message {} of type {} failed (delivery {})", message.messageId(), message.type(),
                    message.receiveCount(), e);
            return false;
        }
    }

    /** The ids that failed; a handler that throws fails its whole part of the batch. */
    private static Set<String> handleBatch(BatchWorkHandler handler, List<WorkMessage> messages) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        try {
            Set<String> failed = new HashSet<>(handler.handleBatch(List.copyOf(messages)));
            failed.retainAll(ids);
            return failed;
        } catch (Exception e) {
            LOG.error("{} work messages of type {} failed together", messages.size(), handler.type(), e);
            return ids;
        }
    }

    private WorkMessage toMessage(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = new HashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    attributes.put(name, value.getStringValue());
                }
            });
        }
        Map<String, String> system = record.getAttributes() == null ? Map.of() : record.getAttributes();
        int receiveCount = Integer.parseInt(system.getOrDefault("ApproximateReceiveCount", "1"));
        String arn = record.getEventSourceArn() == null ? "" : record.getEventSourceArn();
        String queueType = typeByQueue.get(arn.substring(arn.lastIndexOf(':') + 1));
        String type = queueType != null ? queueType : attributes.get(WorkMessage.TYPE_ATTRIBUTE);
        if (type == null) {
            type = bodyType(record.getBody());
        }
        return new WorkMessage(record.getMessageId(), type, record.getBody(), receiveCount, Map.copyOf(attributes));
    }

    /**
     * The {@code type} field of a JSON body, for producers that cannot set message attributes (an EventBridge rule's
     * target input); null when there is none, and the message then fails as of no known type.
     */
    private String bodyType(String body) {
        try {
            Object type = json.readValue(body == null ? "" : body, Argument.mapOf(String.class, Object.class))
                    .get(WorkMessage.TYPE_ATTRIBUTE);
            return type instanceof String name ? name : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }
}
