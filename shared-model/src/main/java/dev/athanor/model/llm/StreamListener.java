package dev.athanor.model.llm;

/**
 * Receives the text of a streamed completion piece by piece, in order and one at a time: on the provider's transport
 * thread for a non-blocking stream, so it must not block. Throwing ends the stream.
 */
@FunctionalInterface
public interface StreamListener {

    void onDelta(String text);
}
