package dev.athanor.aws.sqs;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code athanor.queues.*}: the SQS queue URLs a function may send to (template.yaml sets
 * {@code ATHANOR_QUEUES_<NAME>} only on functions that have permission to send there).
 */
@ConfigurationProperties("athanor.queues")
public interface QueueUrls {

    /** The function's own work queue: pipeline steps and other queued work, consumed by its surface's worker. */
    @Nullable
    String getWork();

    /** Usage events of LLM calls, written to the ledger by the ledger function. */
    @Nullable
    String getUsage();

    /** Live events for the orchestrator's socket clients (a FIFO queue), delivered by its events function. */
    @Nullable
    String getLiveEvents();
}
