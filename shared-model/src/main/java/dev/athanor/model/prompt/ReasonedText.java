package dev.athanor.model.prompt;

/**
 * A model's output split into its visible answer and the reasoning it wrapped in {@code <think>} blocks.
 *
 * @param reasoning the text of every reasoning block, in order, separated by a blank line; null when there was none
 * @param answer    the rest, with the blocks removed and surrounding whitespace trimmed
 */
public record ReasonedText(String reasoning, String answer) {

    public boolean hasReasoning() {
        return reasoning != null;
    }
}
