package dev.athanor.actions.content;

import dev.athanor.actions.calls.ModelCall;
import dev.athanor.actions.calls.ModelCalls;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.core.http.RequestFields;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Asks a model for a JSON answer of a given shape: the system message gives the JSON Schema, the answer is parsed
 * (a code fence around it is tolerated) and checked; a wrong answer gets one more try in which the model is told what
 * was wrong, and a second wrong answer is an {@link UnusableAnswerException}. Both calls are kept as interactions.
 */
@Singleton
class StructuredAnswers {

    private final ModelCalls calls;
    private final JsonMapper json;

    StructuredAnswers(ModelCalls calls, JsonMapper json) {
        this.calls = calls;
        this.json = json;
    }

    /**
     * @param call   the call, its first message the instructions (a system message), to which the schema is added
     * @param schema the JSON Schema (subset of {@link AnswerShape}) the answer must fit
     * @return the answer as plain JSON values (an object)
     */
    Map<String, Object> ask(TeamPrincipal caller, ModelCall call, Map<String, Object> schema) {
        ModelCall asked = withSchema(call, schema);
        String first = calls.call(caller, asked).text();
        List<String> problems = problems(first, schema);
        if (problems.isEmpty()) {
            return object(first);
        }
        String second = calls.call(caller, asked.followedBy(List.of(ChatMessage.assistant(first),
                ChatMessage.user("That answer is not usable: " + String.join("; ", problems)
                        + ". Answer again with only the JSON object, valid against the JSON Schema given.")))).text();
        List<String> again = problems(second, schema);
        if (!again.isEmpty()) {
            throw new UnusableAnswerException("The model's answer was not the JSON asked for, twice: "
                    + String.join("; ", again));
        }
        return object(second);
    }

    /** An answer already checked to be a JSON object. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String answer) {
        try {
            return (Map<String, Object>) parse(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ModelCall withSchema(ModelCall call, Map<String, Object> schema) {
        String schemaText;
        try {
            schemaText = json.writeValueAsString(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChatMessage instructions = call.messages().get(0);
        ChatMessage system = ChatMessage.system(instructions.content()
                + "\n\nAnswer with one JSON object only, no prose and no code fence, valid against this JSON Schema:\n"
                + "```json\n" + schemaText + "\n```");
        List<ChatMessage> messages = new java.util.ArrayList<>(call.messages());
        messages.set(0, system);
        return call.withMessages(messages);
    }

    private List<String> problems(String answer, Map<String, Object> schema) {
        Object parsed;
        try {
            parsed = parse(answer);
        } catch (IOException | RuntimeException e) {
            return List.of("it is not valid JSON");
        }
        return AnswerShape.problems(schema, parsed);
    }

    /** The answer as plain JSON values (maps, lists, strings, numbers, booleans). */
    private Object parse(String answer) throws IOException {
        JsonNode node = json.readValue(unfenced(answer), JsonNode.class);
        if (node == null) {
            throw new IOException("no JSON value");
        }
        return RequestFields.plain(node);
    }

    /** The text inside a ```json fence when the model put one around its answer; the text itself otherwise. */
    static String unfenced(String answer) {
        String text = answer.strip();
        if (text.startsWith("```")) {
            int firstLine = text.indexOf('\n');
            int end = text.lastIndexOf("```");
            if (firstLine > 0 && end > firstLine) {
                return text.substring(firstLine + 1, end).strip();
            }
        }
        return text;
    }
}
