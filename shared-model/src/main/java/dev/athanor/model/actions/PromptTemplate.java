package dev.athanor.model.actions;

import java.time.Instant;

/**
 * A prompt template of the actions surface: the text an action renders, with the model settings it was saved with.
 * Ids are whole numbers counted per team; {@code sourceField} is the content field the template is for.
 */
public record PromptTemplate(long id, String name, String sourceField, String template, String llmModel,
                             double temperature, int maxTokens, Instant createdAt, Instant updatedAt) {
}
