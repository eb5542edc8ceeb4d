package dev.athanor.model.llm;

import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation: role is system, user, assistant or tool.
 *
 * @param content    the turn's text (the text parts joined, when it came in parts)
 * @param parts      the content's parts in order when it holds more than text (an image); empty for plain text
 * @param toolCalls  the calls an assistant turn made; empty otherwise
 * @param toolCallId the call a tool turn answers; null otherwise
 * @param name       the function's name a tool turn answers, or a participant's name; null when not given
 */
public record ChatMessage(String role, String content, List<ContentPart> parts, List<ToolCall> toolCalls,
                          String toolCallId, String name) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
        parts = parts == null ? List.of() : List.copyOf(parts);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ChatMessage(String role, String content) {
        this(role, content, null, null, null, null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** An assistant turn that called tools (and may have said something too). */
    public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", content, null, toolCalls, null, null);
    }

    /** A tool's answer to the call with this id. */
    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage("tool", content, null, null, toolCallId, null);
    }

    /** The content as parts: the parts when there are some, else the text as one part (none when it is empty). */
    public List<ContentPart> contentParts() {
        if (!parts.isEmpty()) {
            return parts;
        }
        return content.isEmpty() ? List.of() : List.of(new ContentPart.Text(content));
    }

    public boolean hasImages() {
        return parts.stream().anyMatch(ContentPart.Image.class::isInstance);
    }
}
