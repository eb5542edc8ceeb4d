package dev.athanor.model.llm;

import java.util.List;

public record EmbeddingRequest(String model, List<String> input) {

    public EmbeddingRequest {
        input = List.copyOf(input);
    }
}
