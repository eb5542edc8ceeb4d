package dev.athanor.testkit;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.athanor.model.work.WorkMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SQS events as Lambda delivers them to a queue worker, and the failures its batch response reports. */
public final class SqsEvents {

    private SqsEvents() {
    }

    /** A first delivery of a message whose {@code type} attribute names its work type. */
    public static SQSEvent.SQSMessage record(String id, String type, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        message.setEventSource("aws:sqs");
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType("String");
        attribute.setStringValue(type);
        message.setMessageAttributes(Map.of(WorkMessage.TYPE_ATTRIBUTE, attribute));
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return message;
    }

    public static SQSEvent event(SQSEvent.SQSMessage... records) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(List.of(records)));
        return event;
    }

    /** The message ids the handler reported as failed, in its order. */
    public static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
