package dev.athanor.search;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

import java.io.IOException;

/**
 * Lucene's default codec with HNSW vectors of up to 4,096 dimensions. Lucene's default cap (1,024) is below what
 * embedding models give (OpenAI's text-embedding-3-large: 3,072); the graph itself has no such limit.
 */
public final class WideVectorsCodec extends FilterCodec {

    static final int MAX_DIMENSIONS = 4096;

    private final KnnVectorsFormat vectors = new PerFieldKnnVectorsFormat() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return WIDE;
        }
    };

    private static final KnnVectorsFormat WIDE = new KnnVectorsFormat("Lucene99HnswVectorsFormat") {
        private final KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat();

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return hnsw.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return hnsw.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSIONS;
        }
    };

    public WideVectorsCodec() {
        super("WideVectorsCodec", new Lucene912Codec());
    }

    @Override
    public KnnVectorsFormat knnVectorsFormat() {
        return vectors;
    }
}
