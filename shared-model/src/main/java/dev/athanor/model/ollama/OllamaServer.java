package dev.athanor.model.ollama;

import java.util.List;
import java.util.function.Consumer;

/**
 * Port: the operator's Ollama server, managed on its native API (list, raw generation, pull, delete). Failures are
 * the domain's exceptions with a message fit for the caller: no server is configured
 * ({@link dev.athanor.model.error.UnavailableException}), no such model
 * ({@link dev.athanor.model.error.NotFoundException}), Ollama refused the request as invalid
 * ({@link dev.athanor.model.error.InvalidInputException}), or it could not be reached, failed or did not answer in
 * time ({@link dev.athanor.model.error.UpstreamException}).
 */
public interface OllamaServer {

    /** What every call says when no server is configured. */
    String NOT_CONFIGURED = "No Ollama server is configured: set OLLAMA_BASE_URL to manage Ollama models";

    /** Whether a server is configured; every other method fails with UnavailableException when not. */
    boolean configured();

    /** The models on the server. */
    List<OllamaModel> models();

    /** A whole generation with Ollama's timings and context. */
    OllamaGeneration generate(OllamaGenerateRequest request);

    /**
     * A streamed generation: each line Ollama sends goes to {@code lines} as it arrives (pieces with {@code done}
     * false, then the final line with the timings); returns the final line with {@code response} holding the whole
     * text. An exception thrown by {@code lines} stops the stream.
     */
    OllamaGeneration generate(OllamaGenerateRequest request, Consumer<OllamaGeneration> lines);

    /**
     * Downloads a model, each progress line to {@code progress} as it arrives, the last being {@code success}. An
     * error Ollama reports inside the stream (an unknown model) is thrown after the lines before it.
     */
    void pull(String model, Consumer<OllamaPullProgress> progress);

    /** Removes a model from the server. */
    void delete(String model);
}
