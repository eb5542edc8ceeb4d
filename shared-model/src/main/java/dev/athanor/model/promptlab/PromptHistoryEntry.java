package dev.athanor.model.promptlab;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One prompt tried in a project: the prompt and parameters, the model's answer (for a backend test, the backend's
 * answer and its metrics), and what the team thought of it. {@code marked} is {@code is_prod} in prompt history
 * and {@code is_test} in backend-test history.
 */
@Serdeable
public record PromptHistoryEntry(long id,
                                 long projectId,
                                 PromptSettings prompt,
                                 @Nullable String response,
                                 @Nullable String thought,
                                 @Nullable BackendResult backend,
                                 @Nullable Integer rating,
                                 @Nullable String notes,
                                 boolean marked,
                                 Instant createdAt) {

    /** How a backend answered a backend test. */
    @Serdeable
    public record BackendResult(String url, @Nullable Integer statusCode, @Nullable Long responseTimeMs,
                                @Nullable Long timeToFirstByteMs, @Nullable String error) {
    }
}
