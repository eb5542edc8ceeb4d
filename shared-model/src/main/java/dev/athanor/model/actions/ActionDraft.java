package dev.athanor.model.actions;

/** An action's fields as they are to be stored (checked by the caller, its template known to exist). */
public record ActionDraft(String fieldName, long promptTemplateId, String llmModel, double temperature,
                          int maxTokens) {
}
