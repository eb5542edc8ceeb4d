package dev.athanor.model.promptlab;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * The settings a project's backend tests start from: the backend's URL and the prompt, variables and sampling
 * parameters sent to it. One per project.
 */
@Serdeable
public record PromptTestSettings(@Nullable String testBackendUrl, PromptSettings prompt, Instant updatedAt) {
}
