package dev.athanor.model.promptlab;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A prompt-lab project: a named prompt under test against one model ({@code providerId}, a model id of the LLM
 * core), with the backend a team tests it against. Ids are small integers, counted per team, as the seed's
 * clients address them ({@code /api/projects/1}).
 */
@Serdeable
public record PromptProject(long id,
                            String name,
                            String providerId,
                            @Nullable String llamastackUrl,
                            @Nullable String gitRepoUrl,
                            @Nullable String testBackendUrl,
                            @Nullable String description,
                            Instant createdAt,
                            Instant updatedAt) {
}
