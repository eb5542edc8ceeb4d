package dev.athanor.worker.pipeline;

import dev.athanor.aws.pipeline.StepMessage;
import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.core.work.WorkHandler;
import dev.athanor.core.work.WorkMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** Step messages of every pipeline, one at a time, to the engine; a step that throws is retried by SQS. */
@Singleton
@Requires(beans = PipelineEngine.class)
public class PipelineStepHandler implements WorkHandler {

    private final PipelineEngine engine;
    private final JsonMapper json;

    public PipelineStepHandler(PipelineEngine engine, JsonMapper json) {
        this.engine = engine;
        this.json = json;
    }

    @Override
    public String type() {
        return StepMessage.TYPE;
    }

    @Override
    public void handle(WorkMessage message) throws Exception {
        engine.runStep(json.readValue(message.body(), StepMessage.class), message.receiveCount());
    }
}
