package dev.athanor.gateway.chat;

import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What sdk-contract.mjs ({@link NodeSdk}) must have observed from any model the gateway serves; what differs from
 * model to model is given as {@link Expected}.
 */
final class JsSdkScenarios {

    /**
     * @param chatModel           the model the chat scenarios ran with, as models.retrieve must give it back
     * @param callIdPrefix        how the tool calls' ids start (OpenAI's "call_")
     * @param answerPrefix        how every text answer starts ("" for any non-empty text)
     * @param embeddingDimensions the vectors' length, or null when the script ran without an embedding model
     */
    record Expected(String chatModel, String callIdPrefix, String answerPrefix, Integer embeddingDimensions) {
    }

    private JsSdkScenarios() {
    }

    static void assertScenarios(JsonNode report, Expected expected) {
        JsonNode calling = at(report, "function_calling");
        assertEquals("chat.completion", text(calling, "object"));
        assertEquals("tool_calls", text(calling, "finish_reason"));
        assertWeatherCall(at(calling, "tool_calls"), expected, "function_calling");
        assertAnswered(at(calling, "final"), expected, "function_calling.final");
        assertTrue(at(calling, "final", "tool_calls").isNull(), "the answer to a tool result calls no tool");

        JsonNode streamed = at(report, "streamed_function_calling");
        assertEquals("tool_calls", text(streamed, "finish_reason"), "streamed finish reason");
        assertWeatherCall(at(streamed, "tool_calls"), expected, "streamed_function_calling");
        assertEquals(0, at(streamed, "usage_chunk", "choices").getIntValue(), "the usage chunk has no choices");
        assertUsage(at(streamed, "usage_chunk", "usage"), "streamed usage chunk");
        assertAnswered(at(streamed, "final"), expected, "streamed_function_calling.final");
        assertEquals(text(streamed, "final", "content"), text(streamed, "final", "streamed_content"),
                "the content events add up to the final message");
        assertUsage(at(streamed, "final", "usage"), "streamed second turn's usage");

        JsonNode helper = at(report, "helper_streamed_tool_call");
        assertEquals("tool_calls", text(helper, "finish_reason"));
        assertWeatherCall(at(helper, "tool_calls"), expected, "helper_streamed_tool_call");

        JsonNode structured = at(report, "structured_output");
        assertEquals("stop", text(structured, "finish_reason"));
        assertTrue(at(structured, "refusal").isNull(), "no refusal");
        assertEquals(List.of("city", "celsius"), keys(at(structured, "parsed")));
        assertTrue(at(structured, "parsed", "city").isString(), "parsed city is a string");
        assertTrue(at(structured, "parsed", "celsius").isNumber(), "parsed celsius is a number");

        assertAnswered(at(report, "image_message"), expected, "image_message");

        JsonNode embeddings = at(report, "embeddings");
        if (expected.embeddingDimensions() == null) {
            assertTrue(at(embeddings, "skipped").getBooleanValue(), "embeddings skipped");
        } else {
            assertEquals(2, at(embeddings, "count").getIntValue(), "one vector per input");
            assertEquals(List.of(0, 1), ints(at(embeddings, "indexes")));
            int d = expected.embeddingDimensions();
            assertEquals(List.of(d, d), ints(at(embeddings, "lengths")), "the dimensions asked for");
            assertTrue(at(embeddings, "all_finite").getBooleanValue(), "the base64 vectors decode to numbers");
        }

        assertEquals(expected.chatModel(), text(report, "model", "id"));
        assertEquals("model", text(report, "model", "object"));
    }

    private static void assertWeatherCall(JsonNode calls, Expected expected, String scenario) {
        assertEquals(1, calls.size(), scenario + ": one tool call");
        JsonNode call = calls.get(0);
        assertEquals("get_weather", text(call, "name"), scenario);
        assertEquals("function", text(call, "type"), scenario);
        String id = text(call, "id");
        assertTrue(id.startsWith(expected.callIdPrefix()) && id.length() > expected.callIdPrefix().length(),
                scenario + ": call id " + id);
        assertEquals(List.of("city"), keys(at(call, "arguments")), scenario + ": the schema's arguments");
        assertTrue(at(call, "arguments", "city").isString(), scenario + ": city is a string");
        assertFalse(text(call, "arguments", "city").isBlank(), scenario + ": city is not blank");
    }

    private static void assertAnswered(JsonNode answer, Expected expected, String scenario) {
        assertEquals("stop", text(answer, "finish_reason"), scenario);
        String content = text(answer, "content");
        assertFalse(content.isBlank(), scenario + ": an answer");
        assertTrue(content.startsWith(expected.answerPrefix()), scenario + ": " + content);
    }

    private static void assertUsage(JsonNode usage, String what) {
        int prompt = at(usage, "prompt_tokens").getIntValue();
        int completion = at(usage, "completion_tokens").getIntValue();
        assertTrue(prompt > 0 && completion > 0, what + ": " + prompt + " + " + completion);
        assertEquals(prompt + completion, at(usage, "total_tokens").getIntValue(), what + ": total");
    }

    /** The node at {@code path}, failing with the path when it is missing. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            current = current.isObject() ? current.get(name) : null;
            if (current == null) {
                return fail("the SDK report has no " + String.join(".", path));
            }
        }
        return current;
    }

    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        assertTrue(value.isString(), String.join(".", path) + " is a string: " + value.getValue());
        return value.getStringValue();
    }

    static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.entries().forEach(entry -> keys.add(entry.getKey()));
        return keys;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.values().forEach(value -> values.add(value.getIntValue()));
        return values;
    }
}
