package dev.athanor.actions.actions;

import dev.athanor.model.actions.LlmAction;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * An action as the API shows it: the document's fields ({@code prompt_template} is the text of the template it is
 * bound to) and the template's id, so a client can change the binding.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ActionView(long id, String fieldName, long promptTemplateId, String promptTemplate, String llmModel,
                         double temperature, int maxTokens, String createdAt, String updatedAt) {

    static ActionView of(LlmAction action, String templateText) {
        return new ActionView(action.id(), action.fieldName(), action.promptTemplateId(), templateText,
                action.llmModel(), action.temperature(), action.maxTokens(), action.createdAt().toString(),
                action.updatedAt().toString());
    }
}
