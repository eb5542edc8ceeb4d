package dev.athanor.local.chaos;

import dev.athanor.aws.pipeline.SqsStepQueue;
import dev.athanor.aws.sqs.QueueUrls;
import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.Command;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The real step queue; in a chaos context a delivery may die right after it sent the next step's message. */
@Singleton
@Replaces(SqsStepQueue.class)
@Requires(property = "test.chaos")
@Requires(property = "athanor.queues.work")
class FaultyStepQueue extends SqsStepQueue {

    FaultyStepQueue(SqsClient sqs, QueueUrls queues, JsonMapper json) {
        super(sqs, queues, json);
    }

    @Override
    public void send(TeamId team, String pipeline, String execution, Command runStep) {
        super.send(team, pipeline, execution, runStep);
        Faults.sent(ChaosIT.surfaceOf(pipeline));
    }
}
