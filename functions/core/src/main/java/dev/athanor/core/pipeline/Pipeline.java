package dev.athanor.core.pipeline;

/**
 * A pipeline the function runs, declared as a bean by the module that owns it. Its definition is the resource
 * {@code pipelines/<id>.json} of that module ({@link PipelineDefinitions}); its worker sweeps the executions of the
 * pipelines declared in its context, and no others ({@link PipelineSweeper}).
 */
public interface Pipeline {

    /** The pipeline's id, as its definition names it. */
    String id();
}
