package dev.athanor.model.pipeline;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a step message says: which step of which execution of which team, and its attempt. Written and read only by
 * the {@link StepQueue}.
 */
@Serdeable
public record StepMessage(String team, String pipeline, String execution, String token, String state, int attempt) {
}
