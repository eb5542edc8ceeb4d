package dev.athanor.model.actions;

import java.time.Instant;

/**
 * An action bound to a content field: it renders the template {@code promptTemplateId} names and calls
 * {@code llmModel} with its own sampling settings. Ids are whole numbers counted per team.
 */
public record LlmAction(long id, String fieldName, long promptTemplateId, String llmModel, double temperature,
                        int maxTokens, Instant createdAt, Instant updatedAt) {
}
