package dev.athanor.aws.sqs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code athanor.queues.*}: the SQS queue URLs a function may send to (template.yaml sets
 * {@code ATHANOR_QUEUES_<NAME>} only on functions that have permission to send there).
 */
@ConfigurationProperties("athanor.queues")
public interface QueueUrls {

    /** Pipeline steps and other queued work, consumed by the worker. */
    @Nullable
    String getWork();

    /** Usage events of LLM calls, written to the ledger by the worker. */
    @Nullable
    String getUsage();
}
