package dev.athanor.model.ollama;

import java.util.List;

/**
 * Ollama's answer to {@code /api/generate}, field for field (durations in nanoseconds, as Ollama reports them).
 * For a stream it is the final line with {@code response} holding the whole text.
 */
public record OllamaGeneration(String model,
                               String createdAt,
                               String response,
                               boolean done,
                               String doneReason,
                               List<Long> context,
                               Long totalDuration,
                               Long loadDuration,
                               Long promptEvalCount,
                               Long promptEvalDuration,
                               Long evalCount,
                               Long evalDuration) {
}
