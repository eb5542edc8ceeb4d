package dev.athanor.model.llm;

import java.util.List;
import java.util.Objects;

/**
 * A finished completion. For a stream it is the summary after the last chunk: the whole text and tool calls, the
 * finish reason and the usage the vendor reported (zero counts when it reported none).
 *
 * @param id                the vendor's id for the completion, or a generated one
 * @param model             the model that answered, as the vendor names it
 * @param choices           the answers, at least one; more only when {@code n} asked for more
 * @param systemFingerprint the vendor's backend configuration id, when it gives one
 */
public record ChatResponse(String id, String model, List<ChatChoice> choices, Usage usage, String systemFingerprint) {

    public ChatResponse {
        Objects.requireNonNull(choices, "choices");
        if (choices.isEmpty()) {
            choices = List.of(new ChatChoice(0, "", null, "stop", null));
        }
        choices = List.copyOf(choices);
        usage = usage == null ? Usage.NONE : usage;
    }

    /** A text answer. */
    public ChatResponse(String id, String model, String content, String finishReason, Usage usage) {
        this(id, model, List.of(new ChatChoice(0, content, null, finishReason == null ? "stop" : finishReason, null)),
                usage, null);
    }

    /** One answer that may have called tools. */
    public ChatResponse(String id, String model, String content, List<ToolCall> toolCalls, String finishReason,
                        Usage usage) {
        this(id, model, List.of(new ChatChoice(0, content, toolCalls, finishReason, null)), usage, null);
    }

    /** The first answer's text. */
    public String content() {
        return choices.get(0).content();
    }

    /** The first answer's finish reason. */
    public String finishReason() {
        return choices.get(0).finishReason();
    }

    /** The first answer's tool calls. */
    public List<ToolCall> toolCalls() {
        return choices.get(0).toolCalls();
    }
}
