package dev.athanor.model.rag;

/** A stored chunk of an indexed document: its position in the document, its text and its embedding. */
public record RagChunk(String documentId, int position, String text, float[] vector) {

    public IndexedChunk indexed() {
        return new IndexedChunk(documentId, position, vector);
    }
}
