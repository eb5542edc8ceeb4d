package dev.athanor.model.pipeline;

/** What a step message says: which step of which execution of which team, and its attempt. */
public record StepMessage(String team, String pipeline, String execution, String token, String state, int attempt) {
}
