package dev.athanor.model.llm;

import java.time.Duration;

/**
 * Deadlines of one provider call: to open the connection; to the first streamed token (streaming only); and for
 * the whole call, which is the only deadline of a call that does not stream.
 */
public record LlmTimeouts(Duration connect, Duration firstToken, Duration total) {

    public static final LlmTimeouts DEFAULT =
            new LlmTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(300));
}
