package dev.athanor.llm.bedrock;

import dev.athanor.llm.RecordingListener;
import dev.athanor.llm.http.TestJson;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tools, tool choice, JSON answers, images, thinking and the refused settings: how they become Converse fields, and
 * how tool calls come back in a Converse answer and a ConverseStream.
 */
class BedrockToolMappingTest extends BedrockFakeTest {

    private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", null, null, null);
    private static final String WEATHER_SPEC = "{\"toolSpec\":{\"name\":\"get_weather\","
            + "\"inputSchema\":{\"json\":{\"type\":\"object\",\"properties\":{}}}}}";

    private static ChatRequest ask(String model) {
        return ChatRequest.of(model, List.of(ChatMessage.user("Weather?")));
    }

    private static void answer(String model, String text) {
        BEDROCK.stubFor(post(urlPathEqualTo("/model/" + model + "/converse"))
                .willReturn(BedrockWire.converseResponse(text, "end_turn", 3, 2)));
    }

    private static JsonNode json(String text) {
        try {
            return TestJson.MAPPER.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                Arguments.of(ToolChoice.AUTO, "{\"auto\":{}}"),
                Arguments.of(ToolChoice.REQUIRED, "{\"any\":{}}"),
                Arguments.of(ToolChoice.function("get_weather"), "{\"tool\":{\"name\":\"get_weather\"}}"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("toolChoices")
    void tool_choice_becomes_converses_tool_choice(ToolChoice choice, String expected) {
        answer("m1", "Sunny");

        provider().chat(ask("m1").withTools(List.of(WEATHER), choice));

        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(matchingJsonPath(
                "$.toolConfig", equalToJson("{\"tools\":[" + WEATHER_SPEC + "],\"toolChoice\":" + expected + "}"))));
    }

    @Test
    void tools_without_a_tool_choice_leave_the_choice_to_the_model_and_none_sends_no_tools() {
        answer("m1", "Sunny");

        provider().chat(ask("m1").withTools(List.of(WEATHER), null));
        provider().chat(new ChatRequest("m1", List.of(ChatMessage.user("No tools")), null, null, null, null)
                .withTools(List.of(WEATHER), ToolChoice.NONE));

        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(
                matchingJsonPath("$.toolConfig", equalToJson("{\"tools\":[" + WEATHER_SPEC + "]}"))));
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(equalToJson(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"No tools\"}]}]}")));
    }

    @Test
    void tool_results_join_the_following_user_text_in_one_user_turn_and_blank_text_is_left_out() {
        answer("m1", "Sunny, then rain.");
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Weather in Paris and Rome?"),
                ChatMessage.assistant("Let me look.", List.of(
                        new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}"))),
                ChatMessage.tool("call_1", "sunny"),
                ChatMessage.tool("call_2", "rain"),
                ChatMessage.user("   "),
                ChatMessage.user("And tomorrow?"));

        provider().chat(ChatRequest.of("m1", messages).withTools(List.of(WEATHER), ToolChoice.AUTO));

        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(matchingJsonPath(
                "$.messages", equalToJson("""
                        [{"role":"user","content":[{"text":"Weather in Paris and Rome?"}]},
                         {"role":"assistant","content":[{"text":"Let me look."},
                            {"toolUse":{"toolUseId":"call_1","name":"get_weather","input":{"city":"Paris"}}},
                            {"toolUse":{"toolUseId":"call_2","name":"get_weather","input":{"city":"Rome"}}}]},
                         {"role":"user","content":[
                            {"toolResult":{"toolUseId":"call_1","content":[{"text":"sunny"}]}},
                            {"toolResult":{"toolUseId":"call_2","content":[{"text":"rain"}]}},
                            {"text":"And tomorrow?"}]}]"""))));
    }

    @Test
    void an_answer_with_text_and_two_calls_keeps_both_and_reports_cached_prompt_tokens() {
        BEDROCK.stubFor(post(urlPathEqualTo("/model/m1/converse")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"output":{"message":{"role":"assistant","content":[{"text":"Checking both."},
                            {"toolUse":{"toolUseId":"t1","name":"get_weather","input":{"city":"Paris","days":2}}},
                            {"toolUse":{"toolUseId":"t2","name":"get_weather","input":{"city":"Rome"}}}]}},
                         "stopReason":"tool_use",
                         "usage":{"inputTokens":30,"outputTokens":20,"totalTokens":50,"cacheReadInputTokens":24},
                         "metrics":{"latencyMs":100}}""")));

        ChatResponse response = provider().chat(ask("m1").withTools(List.of(WEATHER), ToolChoice.AUTO));

        assertEquals("Checking both.", response.content());
        assertEquals(List.of(new ToolCall("t1", "get_weather", "{\"city\":\"Paris\",\"days\":2}"),
                new ToolCall("t2", "get_weather", "{\"city\":\"Rome\"}")), response.toolCalls());
        assertEquals("tool_calls", response.finishReason());
        assertEquals(new Usage(30, 20, 24, null), response.usage());
    }

    @Test
    void streamed_calls_after_text_are_numbered_among_the_calls_and_whole_in_the_summary() {
        BEDROCK.stubFor(post(urlPathEqualTo("/model/m1/converse-stream")).willReturn(BedrockWire.streamResponse(
                BedrockWire.stream()
                        .text("Checking.")
                        .toolUse("t1", "get_weather", "{\"city\":", "\"Paris\"}")
                        .toolUse("t2", "get_weather", "{\"city\":\"Rome\"}")
                        .end("tool_use", 30, 20, 24))));
        List<String> text = new ArrayList<>();
        List<ToolCallDelta> deltas = new ArrayList<>();

        ChatResponse summary = provider().stream(ask("m1").withTools(List.of(WEATHER), ToolChoice.AUTO),
                new RecordingListener(text, deltas));

        assertEquals(List.of("Checking."), text);
        assertEquals(List.of(new ToolCallDelta(0, "t1", "get_weather", ""),
                new ToolCallDelta(0, null, null, "{\"city\":"),
                new ToolCallDelta(0, null, null, "\"Paris\"}"),
                new ToolCallDelta(1, "t2", "get_weather", ""),
                new ToolCallDelta(1, null, null, "{\"city\":\"Rome\"}")), deltas);
        assertEquals("Checking.", summary.content());
        assertEquals(List.of(new ToolCall("t1", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("t2", "get_weather", "{\"city\":\"Rome\"}")), summary.toolCalls());
        assertEquals("tool_calls", summary.finishReason());
        assertEquals(new Usage(30, 20, 24, null), summary.usage());
    }

    @Test
    void a_json_schema_answer_streams_the_forced_tools_input_as_text_and_ends_as_stop() {
        BEDROCK.stubFor(post(urlPathEqualTo("/model/m1/converse-stream")).willReturn(BedrockWire.streamResponse(
                BedrockWire.stream()
                        .toolUse("tooluse_1", "weather_report", "{\"city\":\"Pa", "ris\",\"celsius\":21}")
                        .end("tool_use", 3, 2))));
        ResponseFormat report = new ResponseFormat("json_schema", "weather_report", "A weather report",
                json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"), true);
        List<String> text = new ArrayList<>();
        List<ToolCallDelta> deltas = new ArrayList<>();

        ChatResponse summary = provider().stream(ask("m1").withResponseFormat(report), new RecordingListener(text, deltas));

        assertEquals(List.of("{\"city\":\"Pa", "ris\",\"celsius\":21}"), text);
        assertEquals(List.of(), deltas, "the forced tool is no call of the caller's");
        assertEquals("{\"city\":\"Paris\",\"celsius\":21}", summary.content());
        assertEquals(List.of(), summary.toolCalls());
        assertEquals("stop", summary.finishReason());
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse-stream")).withRequestBody(
                matchingJsonPath("$.toolConfig", equalToJson("""
                        {"tools":[{"toolSpec":{"name":"weather_report","description":"A weather report",
                            "inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}}}}}}],
                         "toolChoice":{"tool":{"name":"weather_report"}}}"""))));
    }

    @Test
    void a_json_object_answer_is_forced_through_a_json_answer_tool_taking_any_object_and_comes_back_compact() {
        BEDROCK.stubFor(post(urlPathEqualTo("/model/m1/converse")).willReturn(BedrockWire.toolUseResponse(
                "tooluse_2", "json_answer", "{ \"a\" : [1, 2.5, true, null], \"b\" : {\"c\" : \"d\"} }",
                "tool_use", 3, 2)));

        ChatResponse response = provider().chat(ask("m1").withResponseFormat(ResponseFormat.JSON_OBJECT));

        assertEquals("{\"a\":[1,2.5,true,null],\"b\":{\"c\":\"d\"}}", response.content());
        assertEquals("stop", response.finishReason());
        assertEquals(List.of(), response.toolCalls());
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(
                matchingJsonPath("$.toolConfig", equalToJson("""
                        {"tools":[{"toolSpec":{"name":"json_answer",
                            "description":"Give the answer as this tool's input.",
                            "inputSchema":{"json":{"type":"object"}}}}],
                         "toolChoice":{"tool":{"name":"json_answer"}}}"""))));
    }

    @ParameterizedTest(name = "{0} {1}, max_tokens {2}, top_k {3} -> budget {4}, max {5}")
    @CsvSource({
            "anthropic.claude-3-haiku, medium, 64, 5, 8192, 8256",
            "us.anthropic.claude-3-5-sonnet, low, , , 2048, 6144",
            "anthropic.claude-3-haiku, minimal, , , 1024, 5120",
            "eu.anthropic.claude-3-haiku, high, 30000, , 24576, 30000"})
    void reasoning_effort_is_claudes_thinking_budget_with_room_for_the_answer(
            String model, String effort, Integer maxTokens, Integer topK, int budget, int sentMaxTokens) {
        answer(model, "Thought it through.");
        ChatOptions options = new ChatOptions(null, null, null, null, null, null, null, null, null, effort, null,
                false, null);

        provider().chat(new ChatRequest(model, List.of(ChatMessage.user("Why?")), null, null, maxTokens, null, topK)
                .withOptions(options));

        String thinking = "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}";
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/" + model + "/converse"))
                .withRequestBody(matchingJsonPath("$.additionalModelRequestFields", equalToJson(
                        topK == null ? "{" + thinking + "}" : "{\"top_k\":" + topK + "," + thinking + "}")))
                .withRequestBody(matchingJsonPath("$.inferenceConfig.maxTokens",
                        equalTo(String.valueOf(sentMaxTokens)))));
    }

    @Test
    void user_and_metadata_have_no_converse_field_and_are_left_out() {
        answer("m1", "Hi");
        ChatOptions informational = new ChatOptions(null, null, null, "user-42", null, null, null, null, null, null,
                Map.of("trace", "abc"), false, null);

        provider().chat(ask("m1").withOptions(informational));

        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(equalToJson(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Weather?\"}]}]}")));
    }

    static Stream<Arguments> refused() {
        List<ChatMessage> calledBefore = List.of(ChatMessage.user("Weather?"),
                ChatMessage.assistant("", List.of(new ToolCall("call_1", "get_weather", "{}"))),
                ChatMessage.tool("call_1", "sunny"));
        ChatMessage urlImage = new ChatMessage("user", "Look", List.of(new ContentPart.Text("Look"),
                new ContentPart.Image("https://example.com/cat.png", null, null, null)), null, null, null);
        return Stream.of(
                Arguments.of("n", ask("m1").withOptions(options(null, 2, null, null, null, null, null, null))),
                Arguments.of("seed", ask("m1").withOptions(options(null, null, 7L, null, null, null, null, null))),
                Arguments.of("presence_penalty",
                        ask("m1").withOptions(options(null, null, null, 0.5, null, null, null, null))),
                Arguments.of("frequency_penalty",
                        ask("m1").withOptions(options(null, null, null, null, 0.5, null, null, null))),
                Arguments.of("logit_bias", ask("m1").withOptions(options(null, null, null, null, null,
                        json("{\"50256\":-100}"), null, null))),
                Arguments.of("logprobs",
                        ask("m1").withOptions(options(null, null, null, null, null, null, true, null))),
                Arguments.of("top_logprobs",
                        ask("m1").withOptions(options(null, null, null, null, null, null, null, 3))),
                Arguments.of("parallel_tool_calls", ask("m1").withTools(List.of(WEATHER), ToolChoice.AUTO)
                        .withOptions(options(false, null, null, null, null, null, null, null))),
                Arguments.of("reasoning_effort", ask("meta.llama3-8b").withOptions(new ChatOptions(null, null, null,
                        null, null, null, null, null, null, "low", null, false, null))),
                Arguments.of("tool_choice", ChatRequest.of("m1", calledBefore).withTools(List.of(WEATHER),
                        ToolChoice.NONE)),
                Arguments.of("tools", ChatRequest.of("m1", calledBefore)),
                Arguments.of("response_format", ask("m1").withTools(List.of(WEATHER), ToolChoice.AUTO)
                        .withResponseFormat(ResponseFormat.JSON_OBJECT)),
                Arguments.of("image_url", ChatRequest.of("m1", List.of(urlImage))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void what_converse_cannot_do_is_refused_by_name_before_any_call(String parameter, ChatRequest request) {
        LlmException chat = assertThrows(LlmException.class, () -> provider().chat(request));
        LlmException stream = assertThrows(LlmException.class, () -> provider().stream(request, text -> { }));

        for (LlmException e : List.of(chat, stream)) {
            assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
            assertEquals(parameter, e.param(), e.getMessage());
            assertTrue(e.getMessage().contains("'" + parameter + "'") && e.getMessage().contains("bedrock-test"),
                    e.getMessage());
        }
        BEDROCK.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void arguments_of_an_earlier_call_that_are_not_a_json_object_are_refused_before_any_call() {
        ChatRequest request = ChatRequest.of("m1", List.of(ChatMessage.user("Weather?"),
                ChatMessage.assistant("", List.of(new ToolCall("call_1", "get_weather", "not json"))),
                ChatMessage.tool("call_1", "sunny"))).withTools(List.of(WEATHER), ToolChoice.AUTO);

        LlmException e = assertThrows(LlmException.class, () -> provider().chat(request));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("messages", e.param());
        assertTrue(e.getMessage().contains("call_1"), e.getMessage());
        BEDROCK.verify(0, anyRequestedFor(anyUrl()));
    }

    private static ChatOptions options(Boolean parallelToolCalls, Integer n, Long seed, Double presencePenalty,
                                       Double frequencyPenalty, JsonNode logitBias, Boolean logprobs,
                                       Integer topLogprobs) {
        return new ChatOptions(parallelToolCalls, n, seed, null, presencePenalty, frequencyPenalty, logitBias,
                logprobs, topLogprobs, null, null, false, null);
    }

}
