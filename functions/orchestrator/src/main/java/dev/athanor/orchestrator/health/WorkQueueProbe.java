package dev.athanor.orchestrator.health;

import dev.athanor.aws.sqs.QueueUrls;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Optional;

/** Whether the orchestrator's work queue ({@code athanor.queues.work}) answers: one GetQueueAttributes call. */
@Singleton
class WorkQueueProbe {

    private final SqsClient sqs;
    private final QueueUrls queues;

    WorkQueueProbe(SqsClient sqs, QueueUrls queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    boolean configured() {
        return queues.getWork() != null && !queues.getWork().isBlank();
    }

    /** Empty when the queue answers or none is configured; otherwise what is wrong. */
    Optional<String> problem() {
        if (!configured()) {
            return Optional.empty();
        }
        try {
            sqs.getQueueAttributes(r -> r.queueUrl(queues.getWork())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            return Optional.empty();
        } catch (SdkException e) {
            return Optional.of("SQS work queue is not reachable: " + e.getMessage());
        }
    }
}
