package dev.athanor.model.rag;

/** One chunk of a document as the vector index holds it: whose it is, where in the document, and its embedding. */
public record IndexedChunk(String documentId, int position, float[] vector) {
}
