package dev.athanor.local.template;

/** An SQS event source of a function: the queue handler class fed from one queue. */
public record QueueSubscription(String functionId, String handlerClass, String queueId, String queueUrl,
                                String queueArn, int batchSize, boolean reportsBatchItemFailures) {
}
