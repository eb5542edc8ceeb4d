package dev.athanor.aws.pipeline;

import dev.athanor.aws.sqs.QueueUrls;
import dev.athanor.model.TeamId;
import dev.athanor.model.pipeline.Command;
import dev.athanor.model.pipeline.StepMessage;
import dev.athanor.model.pipeline.StepQueue;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Step messages on the function's own work queue ({@code athanor.queues.work}), typed {@value StepQueue#TYPE} for
 * the worker's dispatcher; their body is JSON, written and read only here.
 */
@Singleton
@Requires(property = "athanor.queues.work")
public class SqsStepQueue implements StepQueue {

    private static final Map<String, MessageAttributeValue> ATTRIBUTES = Map.of(WorkMessage.TYPE_ATTRIBUTE,
            MessageAttributeValue.builder().dataType("String").stringValue(TYPE).build());

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
                .messageAttributes(ATTRIBUTES));
    }

    @Override
    public StepMessage read(String body) {
        StepMessage message;
        try {
            message = json.readValue(body == null ? "" : body, StepMessage.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not a step message: " + e.getMessage(), e);
        }
        if (message == null || message.team() == null || message.execution() == null || message.token() == null) {
            throw new IllegalArgumentException("A step message needs team, execution and token");
        }
        return message;
    }
}
