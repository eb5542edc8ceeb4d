package dev.athanor.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.core.work.WorkHandler;
import dev.athanor.core.work.WorkMessage;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes each message of a batch to the handler of its type and reports the ones that failed, so only those are
 * retried (partial batch failure). A message of a type nobody handles fails too: dropping it would lose work.
 */
@Singleton
public class WorkDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WorkDispatcher.class);

    private final Map<String, WorkHandler> handlers = new HashMap<>();

    public WorkDispatcher(List<WorkHandler> handlers) {
        for (WorkHandler handler : handlers) {
            WorkHandler previous = this.handlers.put(handler.type(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for work type " + handler.type() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    public SQSBatchResponse dispatch(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            WorkMessage message = toMessage(record);
            try {
                WorkHandler handler = handlers.get(message.type());
                if (handler == null) {
                    throw new IllegalArgumentException("No handler for work type '" + message.type() + "'");
                }
                handler.handle(message);
            } catch (Exception e) {
                LOG.error("Work message {} of type {} failed (delivery {})", message.messageId(), message.type(),
                        message.receiveCount(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static WorkMessage toMessage(SQSEvent.SQSMessage record) {
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
        return new WorkMessage(record.getMessageId(), attributes.get(WorkMessage.TYPE_ATTRIBUTE), record.getBody(),
                receiveCount, Map.copyOf(attributes));
    }
}
