package dev.athanor.model.llm;

import java.util.Objects;

/**
 * A function call the model asked for, or one an earlier assistant turn made.
 *
 * @param id        the call's id, which the tool message answering it repeats
 * @param name      the function's name
 * @param arguments the arguments as JSON text (a JSON object), as OpenAI carries them
 */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
    }
}
