package dev.athanor.actions.calls;

import dev.athanor.model.llm.ChatMessage;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One model call of the actions surface and what it is recorded under.
 *
 * @param kind      what makes the call: {@code action}, {@code test}, a content helper's name
 * @param messages  the conversation sent
 * @param inputText what the user gave as input (kept with the interaction)
 */
public record ModelCall(String kind, String model, List<ChatMessage> messages, double temperature, int maxTokens,
                        @Nullable Long actionId, @Nullable Long postId, String inputText) {

    public ModelCall {
        messages = List.copyOf(messages);
    }

    /** The same call continued with more turns (a retry that tells the model what was wrong). */
    public ModelCall followedBy(List<ChatMessage> more) {
        List<ChatMessage> all = new java.util.ArrayList<>(messages);
        all.addAll(more);
        return withMessages(all);
    }

    /** The same call with another conversation. */
    public ModelCall withMessages(List<ChatMessage> conversation) {
        return new ModelCall(kind, model, conversation, temperature, maxTokens, actionId, postId, inputText);
    }
}
