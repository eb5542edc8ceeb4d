package dev.athanor.core.work;

/**
 * Handles one type of queued work. A handler must be safe to run twice for the same message (SQS delivers at least
 * once); throwing marks the message failed, so SQS redelivers it and, past maxReceiveCount, dead-letters it.
 */
public interface WorkHandler {

    String type();

    void handle(WorkMessage message) throws Exception;
}
