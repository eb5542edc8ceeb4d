package dev.athanor.model.rag;

/** Port: makes empty vector indexes (one engine's). */
public interface VectorIndexes {

    /**
     * @throws IllegalArgumentException when the engine cannot index vectors of that many dimensions
     */
    VectorIndex create(int dimensions);

    /** The most dimensions a vector may have in this engine. */
    int maxDimensions();
}
