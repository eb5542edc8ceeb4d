package dev.athanor.model.llm;

/**
 * Receives a streamed completion piece by piece, in order and one at a time: on the provider's transport thread for
 * a non-blocking stream, so it must not block. Throwing ends the stream.
 */
@FunctionalInterface
public interface StreamListener {

    /** The next piece of the answer's text. */
    void onDelta(String text);

    /**
     * The next piece of a tool call the model is making. A listener that offered no tools never gets one; the
     * default ignores it.
     */
    default void onToolCall(ToolCallDelta delta) {
    }
}
