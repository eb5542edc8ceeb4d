package dev.athanor.model.ollama;

import java.util.List;

/**
 * A model on the Ollama server, as {@code /api/tags} lists it.
 *
 * @param size       bytes on disk
 * @param modifiedAt when it was last pulled or changed, as Ollama gives it (RFC 3339 with its own offset)
 */
public record OllamaModel(String name, long size, String digest, String modifiedAt, Details details) {

    /** What the model is, from its file: {@code gguf}, family {@code llama}, {@code 7B}, {@code Q4_0}. */
    public record Details(String format, String family, List<String> families, String parameterSize,
                          String quantizationLevel) {

        public Details {
            families = families == null ? null : List.copyOf(families);
        }
    }
}
