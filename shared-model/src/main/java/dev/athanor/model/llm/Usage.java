package dev.athanor.model.llm;

/**
 * Token counts of one call.
 *
 * @param cachedTokens    prompt tokens read from the vendor's prompt cache, when it says; null otherwise
 * @param reasoningTokens completion tokens spent thinking, when the vendor says; null otherwise
 */
public record Usage(int promptTokens, int completionTokens, Integer cachedTokens, Integer reasoningTokens) {

    public static final Usage NONE = new Usage(0, 0);

    public Usage(int promptTokens, int completionTokens) {
        this(promptTokens, completionTokens, null, null);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
