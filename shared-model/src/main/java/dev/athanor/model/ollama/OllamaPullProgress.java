package dev.athanor.model.ollama;

/**
 * One progress line of {@code /api/pull}: a status such as "pulling manifest", "downloading ..." (with digest,
 * total and completed bytes), "verifying sha256 digest", "writing manifest" or "success".
 */
public record OllamaPullProgress(String status, String digest, Long total, Long completed) {
}
