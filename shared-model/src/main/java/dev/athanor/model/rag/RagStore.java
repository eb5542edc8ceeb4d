package dev.athanor.model.rag;

import dev.athanor.model.TeamId;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: the store of record of retrieval, per team and namespace: documents and their chunks with embeddings. A
 * vector index is built from it on any instance. Every change to a namespace moves its version, so an instance can
 * tell whether the index it holds is still current.
 */
public interface RagStore {

    /**
     * Makes {@code chunks} the document's content: they are written first under a new generation, then the document
     * is switched to it, then the previous generation is removed. A failure before the switch leaves the previous
     * version current and whole.
     */
    RagDocument replace(TeamId team, RagDocument document, List<RagChunk> chunks);

    Optional<RagDocument> find(TeamId team, String namespace, String documentId);

    /** Removes the document and its chunks; false when there was none. */
    boolean delete(TeamId team, String namespace, String documentId);

    /** The namespace's version: 0 before any change, then moved by every replace and delete. */
    long version(TeamId team, String namespace);

    /** The current documents of the namespace. */
    List<RagDocument> documents(TeamId team, String namespace);

    /**
     * The vectors of the chunks of these documents of the namespace, each document at its generation, read a page of
     * the store at a time: a document's chunks come together, in position order. Their text is not read (to build an
     * index).
     */
    void forEachChunk(TeamId team, String namespace, Collection<RagDocument> documents, Consumer<IndexedChunk> chunk);

    /** The vectors of one document's chunks at its generation, in position order (to refresh an index). */
    List<IndexedChunk> indexedChunks(TeamId team, RagDocument document);

    /**
     * The chunks at these positions of these documents, each at the generation given (to show what a search found);
     * positions of other documents, and chunks no longer stored, are left out.
     */
    List<RagChunk> chunks(TeamId team, Collection<RagDocument> documents, Collection<ChunkRef> refs);

    /** A chunk by its document and position. */
    record ChunkRef(String documentId, int position) {
    }
}
