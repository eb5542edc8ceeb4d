package dev.athanor.llm.sandbox;

import dev.athanor.llm.ProviderClients;
import dev.athanor.llm.http.TestJson;
import dev.athanor.model.llm.ChatChoice;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox as an agent's model offline: tool calls, JSON answers, several choices and retrieval-ready vectors. */
class SandboxToolsTest {

    private static final JsonNode WEATHER_SCHEMA = json("""
            {"type":"object","properties":{"city":{"type":"string","maxLength":40},
             "unit":{"type":"string","enum":["celsius","fahrenheit"]},"days":{"type":"integer","minimum":1}},
             "required":["city","unit"],"additionalProperties":false}""");
    private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "Weather now", WEATHER_SCHEMA, true);
    private static final ToolDefinition TIME = new ToolDefinition("get_time", "Time now", null, null);

    private final LlmProvider sandbox = new ProviderClients(List.of(new SandboxProviderFactory(TestJson.MAPPER))).create(
            new ProviderConfig("sandbox", ProviderKind.SANDBOX, null, null, null, null, null));

    private static JsonNode json(String text) {
        try {
            return TestJson.MAPPER.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.of("sandbox", List.of(ChatMessage.user(text)));
    }

    @Test
    void offered_tools_it_calls_the_first_with_arguments_valid_against_its_schema() {
        ChatResponse response = sandbox.chat(ask("Weather in Paris?").withTools(List.of(WEATHER, TIME), null));

        assertEquals("tool_calls", response.finishReason());
        assertEquals("", response.content());
        ToolCall call = response.toolCalls().get(0);
        assertEquals(1, response.toolCalls().size());
        assertEquals("get_weather", call.name());
        assertTrue(call.id().matches("call_[0-9a-f]{8}"), call.id());
        JsonNode arguments = json(call.arguments());
        assertEquals("celsius", arguments.get("unit").getStringValue());
        assertEquals(1, arguments.get("days").getIntValue());
        assertTrue(arguments.get("city").getStringValue().startsWith("[sandbox] city fnv "));
        assertTrue(arguments.get("city").getStringValue().length() <= 40);
        assertEquals(response.toolCalls(), sandbox.chat(ask("Weather in Paris?").withTools(List.of(WEATHER, TIME),
                null)).toolCalls(), "the same request, the same call");
    }

    @Test
    void after_the_tools_answer_it_replies_so_an_agents_loop_ends() {
        ToolCall call = sandbox.chat(ask("Weather in Paris?").withTools(List.of(WEATHER), null)).toolCalls().get(0);
        ChatRequest next = ChatRequest.of("sandbox", List.of(ChatMessage.user("Weather in Paris?"),
                ChatMessage.assistant("", List.of(call)), ChatMessage.tool(call.id(), "sunny")))
                .withTools(List.of(WEATHER), ToolChoice.AUTO);

        ChatResponse response = sandbox.chat(next);

        assertEquals("stop", response.finishReason());
        assertEquals(List.of(), response.toolCalls());
        assertTrue(response.content().startsWith("[sandbox] 3 words, fnv "), response.content());
        assertEquals("tool_calls", sandbox.chat(next.withTools(List.of(WEATHER), ToolChoice.REQUIRED)).finishReason(),
                "required makes it call again");
    }

    @Test
    void tool_choice_names_the_function_or_forbids_calls() {
        assertEquals("get_time", sandbox.chat(ask("What time is it?")
                .withTools(List.of(WEATHER, TIME), ToolChoice.function("get_time"))).toolCalls().get(0).name());
        assertEquals("{}", sandbox.chat(ask("What time is it?")
                .withTools(List.of(WEATHER, TIME), ToolChoice.function("get_time"))).toolCalls().get(0).arguments()
                .replace("{\"type\":\"object\",\"properties\":{}}", "{}"));
        ChatResponse none = sandbox.chat(ask("What time is it?").withTools(List.of(WEATHER), ToolChoice.NONE));
        assertEquals("stop", none.finishReason());
        assertEquals(List.of(), none.toolCalls());
    }

    @Test
    void a_streamed_call_comes_as_openai_streams_one() {
        List<ToolCallDelta> deltas = new ArrayList<>();
        StreamListener listener = new StreamListener() {
            @Override
            public void onDelta(String text) {
                throw new AssertionError("no text expected: " + text);
            }

            @Override
            public void onToolCall(ToolCallDelta delta) {
                deltas.add(delta);
            }
        };

        ChatResponse summary = sandbox.stream(ask("Weather in Paris?").withTools(List.of(WEATHER), null), listener);

        ToolCall call = summary.toolCalls().get(0);
        assertEquals(new ToolCallDelta(0, call.id(), "get_weather", ""), deltas.get(0));
        assertNull(deltas.get(1).id());
        assertEquals(call.arguments(), deltas.get(1).arguments() + deltas.get(2).arguments());
        assertEquals(3, deltas.size());
    }

    @Test
    void response_format_json_schema_is_answered_with_an_instance_of_it_refs_and_nullable_fields_included() {
        JsonNode schema = json("""
                {"type":"object","properties":{"trip":{"$ref":"#/$defs/Trip"},
                  "note":{"anyOf":[{"type":"null"},{"type":"string","maxLength":12}]}},
                 "required":["trip","note"],"additionalProperties":false,
                 "$defs":{"Trip":{"type":"object","properties":{"nights":{"type":"integer","minimum":2}},
                   "required":["nights"],"additionalProperties":false}}}""");

        ChatResponse response = sandbox.chat(ask("Plan a trip").withResponseFormat(
                new ResponseFormat("json_schema", "trip", null, schema, true)));

        JsonNode answer = json(response.content());
        assertEquals(2, answer.get("trip").get("nights").getIntValue());
        assertEquals("[sandbox] no", answer.get("note").getStringValue());
        assertEquals("stop", response.finishReason());
    }

    @Test
    void json_object_is_answered_with_the_usual_reply_in_an_object() {
        ChatResponse response = sandbox.chat(ask("Say hello").withResponseFormat(ResponseFormat.JSON_OBJECT));

        assertTrue(json(response.content()).get("answer").getStringValue().startsWith("[sandbox] 2 words, fnv "));
    }

    @Test
    void a_schema_it_cannot_answer_is_refused_naming_the_parameter() {
        ResponseFormat composed = new ResponseFormat("json_schema", "x", null,
                json("{\"allOf\":[{\"type\":\"string\"}]}"), null);

        LlmException format = assertThrows(LlmException.class, () -> sandbox.chat(ask("Hi").withResponseFormat(composed)));
        LlmException tools = assertThrows(LlmException.class, () -> sandbox.chat(ask("Hi").withTools(List.of(
                new ToolDefinition("f", null, json("{\"type\":\"object\",\"properties\":{\"a\":{\"not\":{}}}}"), null)),
                null)));

        assertEquals("response_format", format.param());
        assertEquals("tools", tools.param());
        assertEquals(LlmErrorKind.INVALID_REQUEST, tools.kind());
    }

    @Test
    void n_gives_that_many_identical_choices_and_logprobs_are_refused() {
        ChatOptions three = new ChatOptions(null, 3, 1L, null, null, null, null, null, null, null, null, false, null);
        ChatOptions logprobs = new ChatOptions(null, null, null, null, null, null, null, true, null, null, null, false,
                null);

        ChatResponse response = sandbox.chat(ask("Say hello").withOptions(three));

        assertEquals(List.of(0, 1, 2), response.choices().stream().map(ChatChoice::index).toList());
        assertEquals(1, response.choices().stream().map(ChatChoice::content).distinct().count());
        assertEquals("logprobs", assertThrows(LlmException.class,
                () -> sandbox.chat(ask("Say hello").withOptions(logprobs))).param());
    }

    @Test
    void texts_sharing_words_embed_nearer_than_texts_that_share_none() {
        List<float[]> vectors = sandbox.embed(new EmbeddingRequest("sandbox", List.of(
                "How do I reset my password?", "Reset the password from the login page", "Bananas are yellow"))).vectors();

        assertTrue(cosine(vectors.get(0), vectors.get(1)) > 0.25, "shared words: reset, password (2 / (sqrt 6 * 3))");
        assertTrue(cosine(vectors.get(0), vectors.get(1)) > cosine(vectors.get(0), vectors.get(2)) + 0.2);
        assertEquals(SandboxProvider.DIMENSIONS, vectors.get(0).length);
    }

    @Test
    void dimensions_and_token_inputs_are_honoured() {
        var response = sandbox.embed(new EmbeddingRequest("sandbox", List.of(), List.of(List.of(1, 2, 3)), 12, null));

        assertEquals(12, response.vectors().get(0).length);
        assertEquals(3, response.usage().promptTokens());
        assertNotEquals(0.0, cosine(response.vectors().get(0), response.vectors().get(0)));
        assertEquals("dimensions", assertThrows(LlmException.class, () -> sandbox.embed(
                new EmbeddingRequest("sandbox", List.of("x"), null, 0, null))).param());
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
