package dev.athanor.model.llm;

import java.util.List;

/**
 * Texts to embed, one vector each.
 *
 * @param input      the texts; or, when {@code tokens} is not empty, empty
 * @param tokens     inputs given as token ids (OpenAI's token-array form); empty when texts are given
 * @param dimensions how many dimensions the vectors should have, for models that can shorten them; null for the
 *                   model's own
 * @param user       the end user's id, or null
 */
public record EmbeddingRequest(String model, List<String> input, List<List<Integer>> tokens, Integer dimensions,
                               String user) {

    public EmbeddingRequest {
        input = input == null ? List.of() : List.copyOf(input);
        tokens = tokens == null ? List.of() : tokens.stream().map(List::copyOf).toList();
    }

    public EmbeddingRequest(String model, List<String> input) {
        this(model, input, null, null, null);
    }

    /** How many vectors the answer holds. */
    public int size() {
        return tokens.isEmpty() ? input.size() : tokens.size();
    }

    /** The same request addressed to another model id (a provider's own name for the model). */
    public EmbeddingRequest withModel(String otherModel) {
        return new EmbeddingRequest(otherModel, input, tokens, dimensions, user);
    }
}
