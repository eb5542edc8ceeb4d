package dev.athanor.core.work;

import dev.athanor.model.work.WorkMessage;

import java.util.Optional;

/**
 * Handles one type of queued work. A handler must be safe to run twice for the same message (SQS delivers at least
 * once); throwing marks the message failed, so SQS redelivers it and, past maxReceiveCount, dead-letters it.
 */
public interface WorkHandler {

    String type();

    /**
     * The name of a queue all of whose messages are of this type, for producers that cannot say so (another system
     * sending requests without a type attribute); empty when the messages name their type.
     */
    default Optional<String> queue() {
        return Optional.empty();
    }

    void handle(WorkMessage message) throws Exception;
}
