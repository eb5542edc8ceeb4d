package dev.athanor.model.rag;

/** A chunk near a query: its document and position, and its cosine similarity to the query (-1 to 1). */
public record VectorHit(String documentId, int position, double score) {
}
