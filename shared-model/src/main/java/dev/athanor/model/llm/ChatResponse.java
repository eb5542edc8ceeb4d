package dev.athanor.model.llm;

/**
 * A finished completion. For a stream it is the summary after the last chunk: the whole text, the finish reason and
 * the usage the vendor reported (zero counts when it reported none).
 *
 * @param id           the vendor's id for the completion, or a generated one
 * @param model        the model that answered, as the vendor names it
 * @param content      the assistant's text
 * @param finishReason OpenAI vocabulary: stop, length, content_filter, tool_calls
 */
public record ChatResponse(String id, String model, String content, String finishReason, Usage usage) {

    public ChatResponse {
        content = content == null ? "" : content;
        finishReason = finishReason == null ? "stop" : finishReason;
        usage = usage == null ? Usage.NONE : usage;
    }
}
