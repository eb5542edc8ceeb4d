package dev.athanor.model.actions;

/** A prompt template's fields as they are to be stored (checked by the caller). */
public record TemplateDraft(String name, String sourceField, String template, String llmModel, double temperature,
                           int maxTokens) {
}
