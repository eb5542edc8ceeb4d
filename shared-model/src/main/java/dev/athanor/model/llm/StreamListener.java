package dev.athanor.model.llm;

/** Receives the text of a streamed completion piece by piece, in order, on the calling thread. */
@FunctionalInterface
public interface StreamListener {

    void onDelta(String text);
}
