package dev.athanor.search;

import dev.athanor.model.rag.IndexedChunk;
import dev.athanor.model.rag.VectorHit;
import dev.athanor.model.rag.VectorIndex;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One namespace's chunks in an in-memory Lucene index: a document per chunk with its document id (for replacing and
 * removing a document's chunks at once), its position and its vector in an HNSW graph (cosine). Writes are visible to
 * the next search: it reopens the near-real-time reader when something changed, once for any number of writes.
 */
final class LuceneVectorIndex implements VectorIndex {

    private static final String DOCUMENT = "document";
    private static final String POSITION = "position";
    private static final String VECTOR = "vector";

    private final int dimensions;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    LuceneVectorIndex(int dimensions) {
        if (dimensions < 1 || dimensions > WideVectorsCodec.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("Vectors of " + dimensions + " dimensions cannot be indexed (1 to "
                    + WideVectorsCodec.MAX_DIMENSIONS + ")");
        }
        this.dimensions = dimensions;
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig().setCodec(new WideVectorsCodec())
                    .setRAMBufferSizeMB(64));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void replace(String documentId, List<IndexedChunk> chunks) {
        List<Document> documents = new ArrayList<>(chunks.size());
        for (IndexedChunk chunk : chunks) {
            if (!chunk.documentId().equals(documentId)) {
                throw new IllegalArgumentException("Chunk of " + chunk.documentId() + " given for " + documentId);
            }
            if (chunk.vector().length != dimensions) {
                throw new IllegalArgumentException("A vector of " + chunk.vector().length + " dimensions in an index of "
                        + dimensions);
            }
            Document document = new Document();
            document.add(new StringField(DOCUMENT, documentId, Field.Store.YES));
            document.add(new StoredField(POSITION, chunk.position()));
            document.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.COSINE));
            documents.add(document);
        }
        try {
            // one atomic update: a search sees the old chunks or the new ones, never a mix
            if (documents.isEmpty()) {
                writer.deleteDocuments(new Term(DOCUMENT, documentId));
            } else {
                writer.updateDocuments(new Term(DOCUMENT, documentId), documents);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<VectorHit> nearest(float[] query, int k) {
        if (query.length != dimensions) {
            throw new IllegalArgumentException("A query of " + query.length + " dimensions in an index of "
                    + dimensions);
        }
        try {
            // writes since the last search become visible now (one reopen for a whole batch of replacements)
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, query, k), k);
                List<VectorHit> hits = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc hit : top.scoreDocs) {
                    Document stored = searcher.storedFields().document(hit.doc);
                    // Lucene scores cosine as (1 + cos) / 2; callers get the cosine itself
                    hits.add(new VectorHit(stored.get(DOCUMENT), stored.getField(POSITION).numericValue().intValue(),
                            2.0 * hit.score - 1.0));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (AlreadyClosedException e) {
            throw new ClosedException("The vector index was closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chunks as the next search sees them (the writer's own count lags behind replacements until a flush). */
    @Override
    public long size() {
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
