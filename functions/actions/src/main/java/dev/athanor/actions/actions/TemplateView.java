package dev.athanor.actions.actions;

import dev.athanor.model.actions.PromptTemplate;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A prompt template as the template-management routes show it (the document gives its id as a string). */
@Serdeable(naming = SnakeCaseStrategy.class)
public record TemplateView(String templateId, String templateName, String sourceField, String template,
                           String llmModel, double temperature, int maxTokens) {

    static TemplateView of(PromptTemplate template) {
        return new TemplateView(Long.toString(template.id()), template.name(), template.sourceField(),
                template.template(), template.llmModel(), template.temperature(), template.maxTokens());
    }
}
