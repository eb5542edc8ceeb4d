package dev.athanor.llm.http;

/**
 * What a streaming call does with each line of the vendor's body, on the client's event loop, one line at a time.
 * Throwing ends the call with that exception and closes the connection.
 */
@FunctionalInterface
public interface LineHandler {

    /** What the call does after a line. */
    enum Next {
        /** Read on. */
        MORE,
        /** Read on; the line carried output, so the first-token deadline no longer applies. */
        TOKEN,
        /** The answer is complete (the vendor's end marker); the rest of the body is drained and ignored. */
        DONE
    }

    Next onLine(String line);
}
