package dev.athanor.actions.actions;

import dev.athanor.model.actions.Interaction;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * A kept interaction as the API shows it: the document's history fields, then what else is kept (the kind, the model,
 * its parameters, the duration in seconds and the tokens used).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record InteractionView(long id, Long actionId, Long postId, String inputText, String outputText,
                              String status, String errorMessage, String createdAt, String kind, String model,
                              Parameters parameters, double duration, Integer promptTokens,
                              Integer completionTokens) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Parameters(Double temperature, Integer maxTokens) {
    }

    public static InteractionView of(Interaction interaction) {
        return new InteractionView(interaction.id(), interaction.actionId(), interaction.postId(),
                interaction.inputText(), interaction.outputText(), interaction.status(), interaction.errorMessage(),
                interaction.createdAt().toString(), interaction.kind(), interaction.model(),
                new Parameters(interaction.temperature(), interaction.maxTokens()), interaction.durationSeconds(),
                interaction.promptTokens(), interaction.completionTokens());
    }
}
