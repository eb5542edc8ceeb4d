package dev.athanor.model.llm;

/**
 * A piece of a streamed tool call, as OpenAI streams them: the first piece of a call carries its index, id and name
 * (and maybe the start of its arguments); later pieces carry the index and the next fragment of the arguments only.
 */
public record ToolCallDelta(int index, String id, String name, String arguments) {
}
