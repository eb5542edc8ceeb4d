package dev.athanor.model.rag;

import java.util.List;

/**
 * Port: the nearest-neighbour index of one namespace of one team, held by the instance that serves it and built from
 * the store of record (the index is a cache: losing it costs a rebuild). Vectors of one index share one dimension
 * count; similarity is cosine. Safe for concurrent use.
 */
public interface VectorIndex extends AutoCloseable {

    /** Replaces every chunk of the document with these (none: the document is gone). Visible to the next search. */
    void replace(String documentId, List<IndexedChunk> chunks);

    /**
     * The {@code k} chunks nearest to the query vector, nearest first.
     *
     * @throws ClosedException when the index was closed (a caller holding it may ask for the current one)
     */
    List<VectorHit> nearest(float[] query, int k);

    /** How many chunks the index holds. */
    long size();

    /** The dimension count of its vectors. */
    int dimensions();

    @Override
    void close();

    /** The index was closed before or during the call. */
    final class ClosedException extends IllegalStateException {

        public ClosedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
