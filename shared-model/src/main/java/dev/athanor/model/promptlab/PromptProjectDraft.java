package dev.athanor.model.promptlab;

import io.micronaut.core.annotation.Nullable;

/** The fields a client sets on a project (create, or full update). */
public record PromptProjectDraft(String name,
                                 String providerId,
                                 @Nullable String llamastackUrl,
                                 @Nullable String gitRepoUrl,
                                 @Nullable String testBackendUrl,
                                 @Nullable String description) {
}
