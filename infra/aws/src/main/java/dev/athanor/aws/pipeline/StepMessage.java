package dev.athanor.aws.pipeline;

import io.micronaut.serde.annotation.Serdeable;

/** The body of a step message: which step of which execution of which team, and its attempt. */
@Serdeable
public record StepMessage(String team, String pipeline, String execution, String token, String state, int attempt) {

    /** The work message type the worker routes to the pipeline engine. */
    public static final String TYPE = "pipeline.step";
}
