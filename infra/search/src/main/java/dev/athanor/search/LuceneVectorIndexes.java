package dev.athanor.search;

import dev.athanor.model.rag.VectorIndex;
import dev.athanor.model.rag.VectorIndexes;
import jakarta.inject.Singleton;

/** Vector indexes on Apache Lucene's HNSW graphs, held in memory. */
@Singleton
public class LuceneVectorIndexes implements VectorIndexes {

    @Override
    public VectorIndex create(int dimensions) {
        return new LuceneVectorIndex(dimensions);
    }

    @Override
    public int maxDimensions() {
        return WideVectorsCodec.MAX_DIMENSIONS;
    }
}
