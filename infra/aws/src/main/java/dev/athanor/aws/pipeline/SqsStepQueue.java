package dev.athanor.aws.pipeline;

import dev.athanor.aws.sqs.QueueUrls;
import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.Command;
import dev.athanor.model.pipeline.StepQueue;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Step messages on the work queue, typed {@value StepMessage#TYPE} for the worker's dispatcher. */
@Singleton
@Requires(property = "athanor.queues.work")
public class SqsStepQueue implements StepQueue {

    private final SqsClient sqs;
    private final String queueUrl;
    private final JsonMapper json;

    public SqsStepQueue(SqsClient sqs, QueueUrls queues, JsonMapper json) {
        this.sqs = sqs;
        this.queueUrl = queues.getWork();
        this.json = json;
    }

    @Override
    public void send(TeamId team, String pipeline, String execution, Command runStep) {
        StepMessage message = new StepMessage(team.value(), pipeline, execution, runStep.token(), runStep.state(),
                runStep.attempt());
        String body;
        try {
            body = json.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)
                .delaySeconds(Math.max(0, Math.min(900, runStep.delaySeconds())))
                .messageAttributes(Map.of("type",
                        MessageAttributeValue.builder().dataType("String").stringValue(StepMessage.TYPE).build())));
    }
}
