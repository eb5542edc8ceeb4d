package dev.athanor.core.pipeline;

import dev.athanor.core.work.WorkHandler;
import dev.athanor.model.pipeline.StepQueue;
import dev.athanor.model.work.WorkMessage;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Step messages of the function's pipelines, one at a time, to the engine; a step that throws is retried by SQS. */
@Singleton
@Requires(beans = PipelineEngine.class)
public class PipelineStepHandler implements WorkHandler {

    private final PipelineEngine engine;
    private final StepQueue queue;

    public PipelineStepHandler(PipelineEngine engine, StepQueue queue) {
        this.engine = engine;
        this.queue = queue;
    }

    @Override
    public String type() {
        return StepQueue.TYPE;
    }

    @Override
    public void handle(WorkMessage message) throws Exception {
        engine.runStep(queue.read(message.body()), message.receiveCount());
    }
}
