package dev.athanor.model.actions;

import java.time.Instant;

/**
 * One model interaction of the actions surface, as kept for monitoring: an action's run, a test, a content helper.
 *
 * @param kind            what made it: {@code action}, {@code test}, {@code generate-idea}, {@code expand-section},
 *                        {@code optimize-seo}, {@code generate-social}
 * @param actionId        the action run, or null for other kinds
 * @param postId          the post the input came from, or null
 * @param status          {@code success} or {@code error}
 * @param errorMessage    why it failed, or null
 * @param durationSeconds from the call's start to its answer or failure
 */
public record Interaction(long id, String kind, Long actionId, Long postId, String inputText, String outputText,
                          String status, String errorMessage, String model, Double temperature, Integer maxTokens,
                          double durationSeconds, Integer promptTokens, Integer completionTokens, Instant createdAt) {

    public static final String SUCCESS = "success";
    public static final String ERROR = "error";
    public static final String ACTION = "action";
}
