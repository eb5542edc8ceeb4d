package dev.athanor.model.rag;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/**
 * An indexed document of a team's namespace: its metadata as given, how many chunks it has, the embedding model and
 * dimensions they were made with, and which generation of chunks is current (a re-index writes a new generation and
 * switches to it, so a failed re-index leaves the previous one whole).
 */
@Serdeable
public record RagDocument(String id,
                          String namespace,
                          @Nullable Map<String, Object> metadata,
                          int chunkCount,
                          String model,
                          int dimensions,
                          String generation,
                          Instant indexedAt) {
}
