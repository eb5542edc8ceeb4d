package dev.athanor.llm.anthropic;

import dev.athanor.llm.RecordingListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.llm.http.TestJson;
import dev.athanor.llm.http.TestTransport;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.athanor.llm.anthropic.AnthropicProviderTest.event;
import static dev.athanor.llm.anthropic.AnthropicProviderTest.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the shared contract leaves open about the Messages API mapping: the exact body sent for tool choices, merged
 * tool results, URL images, JSON answers and thinking, what comes back from thinking, several streamed calls and the
 * prompt cache, and each request the API cannot take refused by name before any call.
 */
class AnthropicMappingTest {

    private static final String MODEL = "claude-test";
    private static final String WEATHER_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";
    private static final ToolDefinition WEATHER =
            new ToolDefinition("get_weather", "The weather in a city now", json(WEATHER_SCHEMA), null);
    private static final String WEATHER_TOOL = "{\"name\":\"get_weather\","
            + "\"description\":\"The weather in a city now\",\"input_schema\":" + WEATHER_SCHEMA + "}";

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static LlmProvider provider() {
        return new AnthropicProviderFactory(TestJson.MAPPER, TestTransport.CLIENT).create(new ProviderConfig(
                "claude", ProviderKind.ANTHROPIC, VENDOR.baseUrl(), "sk-ant-test", List.of(), Map.of(),
                LlmTimeouts.DEFAULT));
    }

    private static JsonNode json(String text) {
        try {
            return TestJson.MAPPER.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ChatOptions options(Boolean parallelToolCalls, String user, String reasoningEffort) {
        return new ChatOptions(parallelToolCalls, null, null, user, null, null, null, null, null, reasoningEffort,
                null, false, null);
    }

    private static ChatRequest ask(String question) {
        return new ChatRequest(MODEL, List.of(ChatMessage.user(question)), null, null, null, null);
    }

    private static void answer(String contentBlocks, String stopReason, String usage) {
        VENDOR.stubFor(post("/v1/messages").willReturn(okJson("""
                {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"%s",
                 "content":%s,"stop_reason":"%s","stop_sequence":null,"usage":%s}"""
                .formatted(MODEL, contentBlocks, stopReason, usage))));
    }

    private static void answerText(String text) {
        answer("[{\"type\":\"text\",\"text\":\"" + text + "\"}]", "end_turn",
                "{\"input_tokens\":5,\"output_tokens\":2}");
    }

    private static void verifySent(String body) {
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson(body)));
    }

    @ParameterizedTest(name = "tool_choice {0}, parallel_tool_calls {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-           | -     | -",
            "none        | -     | {\"type\":\"none\"}",
            "auto        | -     | {\"type\":\"auto\"}",
            "required    | -     | {\"type\":\"any\"}",
            "get_weather | -     | {\"type\":\"tool\",\"name\":\"get_weather\"}",
            "-           | false | {\"type\":\"auto\",\"disable_parallel_tool_use\":true}",
            "required    | false | {\"type\":\"any\",\"disable_parallel_tool_use\":true}",
            "get_weather | false | {\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}",
            "none        | false | {\"type\":\"none\"}"})
    void tool_choice_and_parallel_tool_calls_take_the_messages_api_form(String choice, Boolean parallel,
                                                                        String expected) {
        answerText("ok");
        ToolChoice toolChoice = choice == null ? null : switch (choice) {
            case "none" -> ToolChoice.NONE;
            case "auto" -> ToolChoice.AUTO;
            case "required" -> ToolChoice.REQUIRED;
            default -> ToolChoice.function(choice);
        };

        provider().chat(ask("Weather in Paris?").withTools(List.of(WEATHER), toolChoice)
                .withOptions(options(parallel, null, null)));

        verifySent("{\"model\":\"" + MODEL + "\",\"max_tokens\":4096,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
                + "\"tools\":[" + WEATHER_TOOL + "]" + (expected == null ? "" : ",\"tool_choice\":" + expected) + "}");
    }

    @Test
    void consecutive_tool_results_and_the_next_question_join_one_user_turn() {
        answerText("Sunny, then rain.");
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Weather in Paris and Rome?"),
                ChatMessage.assistant("Checking both.", List.of(
                        new ToolCall("toolu_paris", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("toolu_rome", "get_weather", "{\"city\":\"Rome\"}"))),
                ChatMessage.tool("toolu_paris", "sunny"),
                ChatMessage.tool("toolu_rome", "rain"),
                ChatMessage.user("And which is warmer?"));

        provider().chat(new ChatRequest(MODEL, messages, null, null, 100, null).withTools(List.of(WEATHER), null));

        verifySent("""
                {"model":"%s","max_tokens":100,
                 "messages":[
                   {"role":"user","content":"Weather in Paris and Rome?"},
                   {"role":"assistant","content":[
                     {"type":"text","text":"Checking both."},
                     {"type":"tool_use","id":"toolu_paris","name":"get_weather","input":{"city":"Paris"}},
                     {"type":"tool_use","id":"toolu_rome","name":"get_weather","input":{"city":"Rome"}}]},
                   {"role":"user","content":[
                     {"type":"tool_result","tool_use_id":"toolu_paris","content":"sunny"},
                     {"type":"tool_result","tool_use_id":"toolu_rome","content":"rain"},
                     {"type":"text","text":"And which is warmer?"}]}],
                 "tools":[%s]}""".formatted(MODEL, WEATHER_TOOL));
    }

    @Test
    void an_image_by_https_url_is_sent_as_a_url_source() {
        answerText("A cat.");
        ChatMessage look = new ChatMessage("user", "What is this?", List.of(
                new ContentPart.Image("https://example.com/cat.jpg", "high", null, null),
                new ContentPart.Text("What is this?")), null, null, null);

        provider().chat(new ChatRequest(MODEL, List.of(look), null, null, 50, null));

        verifySent("""
                {"model":"%s","max_tokens":50,
                 "messages":[{"role":"user","content":[
                   {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
                   {"type":"text","text":"What is this?"}]}]}""".formatted(MODEL));
    }

    @Test
    void a_json_schema_answer_streams_the_forced_tools_input_as_text() {
        VENDOR.stubFor(post("/v1/messages").willReturn(sse(AnthropicProviderTest.messageStart()
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"city_report\",\"input\":{}}}")
                + AnthropicProviderTest.inputJson(0, "")
                + AnthropicProviderTest.inputJson(0, "{\\\"city\\\": \\\"Paris\\\",")
                + AnthropicProviderTest.inputJson(0, " \\\"celsius\\\": 21}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + AnthropicProviderTest.messageEnd("tool_use"))));
        ResponseFormat report = new ResponseFormat("json_schema", "city_report", "A city's weather",
                json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"), true);
        RecordingListener received = new RecordingListener();

        ChatResponse summary = provider().stream(ask("Paris?").withResponseFormat(report), received);

        assertEquals(List.of("{\"city\": \"Paris\",", " \"celsius\": 21}"), received.text);
        assertEquals(List.of(), received.calls);
        assertEquals("{\"city\": \"Paris\", \"celsius\": 21}", summary.content());
        assertEquals(List.of(), summary.toolCalls());
        assertEquals("stop", summary.finishReason());
        verifySent("""
                {"model":"%s","max_tokens":4096,"messages":[{"role":"user","content":"Paris?"}],
                 "tools":[{"name":"city_report","description":"A city's weather",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "tool_choice":{"type":"tool","name":"city_report","disable_parallel_tool_use":true},
                 "stream":true}""".formatted(MODEL));
    }

    @Test
    void a_json_object_answer_is_a_forced_tool_taking_any_object_and_comes_back_compact() {
        answer("[{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"json_answer\",\"input\":{ \"ok\" : true }}]",
                "tool_use", "{\"input_tokens\":5,\"output_tokens\":2}");

        ChatResponse response = provider().chat(ask("Are you ok?").withResponseFormat(ResponseFormat.JSON_OBJECT));

        assertEquals("{\"ok\":true}", response.content());
        assertEquals("stop", response.finishReason());
        assertEquals(List.of(), response.toolCalls());
        verifySent("""
                {"model":"%s","max_tokens":4096,"messages":[{"role":"user","content":"Are you ok?"}],
                 "tools":[{"name":"json_answer","description":"Give your answer as this tool's input.",
                           "input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"tool","name":"json_answer","disable_parallel_tool_use":true}}"""
                .formatted(MODEL));
    }

    @Test
    void a_json_answer_beside_tools_the_model_may_not_call_still_forces_the_format_tool() {
        answer("[{\"type\":\"tool_use\",\"id\":\"toolu_03\",\"name\":\"json_answer\",\"input\":{\"city\":\"Paris\"}}]",
                "tool_use", "{\"input_tokens\":5,\"output_tokens\":2}");

        ChatResponse response = provider().chat(ask("Which city?").withTools(List.of(WEATHER), ToolChoice.NONE)
                .withResponseFormat(ResponseFormat.JSON_OBJECT));

        assertEquals("{\"city\":\"Paris\"}", response.content());
        verifySent("""
                {"model":"%s","max_tokens":4096,"messages":[{"role":"user","content":"Which city?"}],
                 "tools":[%s,{"name":"json_answer","description":"Give your answer as this tool's input.",
                              "input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"tool","name":"json_answer","disable_parallel_tool_use":true}}"""
                .formatted(MODEL, WEATHER_TOOL));
    }

    @ParameterizedTest(name = "reasoning_effort {0} with max_tokens {1} -> budget {2} within max_tokens {3}")
    @CsvSource(nullValues = "-", value = {
            "minimal, 64,    1024,  1088",
            "low,     -,     2048,  4096",
            "medium,  8192,  8192,  16384",
            "high,    30000, 24576, 30000"})
    void reasoning_effort_is_a_thinking_budget_below_max_tokens(String effort, Integer maxTokens, int budget,
                                                               int sentMaxTokens) {
        answerText("42");

        provider().chat(new ChatRequest(MODEL, List.of(ChatMessage.user("Why?")), null, null, maxTokens, null)
                .withOptions(options(null, null, effort)));

        verifySent("""
                {"model":"%s","max_tokens":%d,"messages":[{"role":"user","content":"Why?"}],
                 "thinking":{"type":"enabled","budget_tokens":%d}}""".formatted(MODEL, sentMaxTokens, budget));
    }

    @Test
    void thinking_blocks_are_not_part_of_the_answer() {
        answer("[{\"type\":\"thinking\",\"thinking\":\"Six times seven.\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA\"},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix\"},"
                + "{\"type\":\"text\",\"text\":\"42\"}]", "end_turn", "{\"input_tokens\":5,\"output_tokens\":90}");

        ChatResponse response = provider().chat(ask("Six times seven?").withOptions(options(null, null, "low")));

        assertEquals("42", response.content());
        assertEquals(new Usage(5, 90, null, null), response.usage());
    }

    @Test
    void thinking_deltas_are_not_streamed() {
        VENDOR.stubFor(post("/v1/messages").willReturn(sse(AnthropicProviderTest.messageStart()
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Six times seven.\"}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA\"}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"42\"}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
                + AnthropicProviderTest.messageEnd("end_turn"))));
        RecordingListener received = new RecordingListener();

        ChatResponse summary = provider().stream(ask("Six times seven?").withOptions(options(null, null, "low")),
                received);

        assertEquals(List.of("42"), received.text);
        assertEquals("42", summary.content());
        assertNull(summary.usage().reasoningTokens());
    }

    @Test
    void two_streamed_tool_calls_are_numbered_among_the_calls_not_the_blocks() {
        VENDOR.stubFor(post("/v1/messages").willReturn(sse(AnthropicProviderTest.messageStart()
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking both.\"}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_paris\",\"name\":\"get_weather\",\"input\":{}}}")
                + AnthropicProviderTest.inputJson(1, "{\\\"city\\\":")
                + AnthropicProviderTest.inputJson(1, "\\\"Paris\\\"}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}")
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_rome\",\"name\":\"get_weather\",\"input\":{}}}")
                + AnthropicProviderTest.inputJson(2, "{\\\"city\\\":\\\"Rome\\\"}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}")
                + AnthropicProviderTest.messageEnd("tool_use"))));
        RecordingListener received = new RecordingListener();

        ChatResponse summary = provider().stream(ask("Paris and Rome?").withTools(List.of(WEATHER), null), received);

        assertEquals(List.of(
                new ToolCallDelta(0, "toolu_paris", "get_weather", ""),
                new ToolCallDelta(0, null, null, "{\"city\":"),
                new ToolCallDelta(0, null, null, "\"Paris\"}"),
                new ToolCallDelta(1, "toolu_rome", "get_weather", ""),
                new ToolCallDelta(1, null, null, "{\"city\":\"Rome\"}")), received.calls);
        assertEquals(List.of("Checking both."), received.text);
        assertEquals(List.of(new ToolCall("toolu_paris", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("toolu_rome", "get_weather", "{\"city\":\"Rome\"}")), summary.toolCalls());
        assertEquals("Checking both.", summary.content());
        assertEquals("tool_calls", summary.finishReason());
    }

    @Test
    void a_tool_call_in_a_reply_comes_back_beside_its_text() {
        answer("[{\"type\":\"text\",\"text\":\"Checking.\"},{\"type\":\"tool_use\",\"id\":\"toolu_paris\","
                + "\"name\":\"get_weather\",\"input\":{\"city\" : \"Paris\"}}]", "tool_use",
                "{\"input_tokens\":5,\"output_tokens\":2}");

        ChatResponse response = provider().chat(ask("Paris?").withTools(List.of(WEATHER), null));

        assertEquals("Checking.", response.content());
        assertEquals(List.of(new ToolCall("toolu_paris", "get_weather", "{\"city\":\"Paris\"}")),
                response.toolCalls());
        assertEquals("tool_calls", response.finishReason());
    }

    @Test
    void prompt_cache_reads_are_cached_tokens_among_the_prompt_tokens() {
        answer("[{\"type\":\"text\",\"text\":\"ok\"}]", "end_turn", "{\"input_tokens\":5,"
                + "\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1000,\"output_tokens\":7}");

        ChatResponse chat = provider().chat(ask("Again?"));

        assertEquals(new Usage(1105, 7, 1000, null), chat.usage());

        VENDOR.stubFor(post("/v1/messages").willReturn(sse(event("message_start", "{\"type\":\"message_start\","
                + "\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                + "\"model\":\"" + MODEL + "\",\"usage\":{\"input_tokens\":5,\"cache_creation_input_tokens\":100,"
                + "\"cache_read_input_tokens\":1000,\"output_tokens\":1}}}")
                + AnthropicProviderTest.messageEnd("end_turn"))));

        ChatResponse streamed = provider().stream(ask("Again?"), text -> { });

        assertEquals(new Usage(1105, 7, 1000, null), streamed.usage());
    }

    @Test
    void the_user_is_sent_as_metadata_user_id() {
        answerText("ok");

        provider().chat(ask("Hi").withOptions(options(null, "user-4711", null)));

        verifySent("""
                {"model":"%s","max_tokens":4096,"messages":[{"role":"user","content":"Hi"}],
                 "metadata":{"user_id":"user-4711"}}""".formatted(MODEL));
    }

    static Stream<Arguments> refused() {
        ChatRequest thinking = ask("Why?").withOptions(options(null, null, "medium"));
        List<ChatMessage> toolExchange = List.of(ChatMessage.user("Paris?"),
                ChatMessage.assistant("", List.of(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"))),
                ChatMessage.tool("toolu_1", "sunny"));
        return Stream.of(
                Arguments.of("n", ask("Hi").withOptions(new ChatOptions(null, 2, null, null, null, null, null,
                        null, null, null, null, false, null))),
                Arguments.of("seed", ask("Hi").withOptions(new ChatOptions(null, null, 7L, null, null, null, null,
                        null, null, null, null, false, null))),
                Arguments.of("presence_penalty", ask("Hi").withOptions(new ChatOptions(null, null, null, null, 0.5,
                        null, null, null, null, null, null, false, null))),
                Arguments.of("frequency_penalty", ask("Hi").withOptions(new ChatOptions(null, null, null, null,
                        null, 0.5, null, null, null, null, null, false, null))),
                Arguments.of("logit_bias", ask("Hi").withOptions(new ChatOptions(null, null, null, null, null,
                        null, json("{\"50256\":-100}"), null, null, null, null, false, null))),
                Arguments.of("logprobs", ask("Hi").withOptions(new ChatOptions(null, null, null, null, null, null,
                        null, true, null, null, null, false, null))),
                Arguments.of("top_logprobs", ask("Hi").withOptions(new ChatOptions(null, null, null, null, null,
                        null, null, null, 3, null, null, false, null))),
                Arguments.of("temperature", new ChatRequest(MODEL, List.of(ChatMessage.user("Hi")), 1.5, null,
                        null, null)),
                Arguments.of("temperature", new ChatRequest(MODEL, List.of(ChatMessage.user("Why?")), 0.2, null,
                        null, null).withOptions(options(null, null, "medium"))),
                Arguments.of("top_k", thinking.withTopK(5)),
                Arguments.of("reasoning_effort", ask("Why?").withOptions(options(null, null, "extreme"))),
                Arguments.of("tool_choice", thinking.withTools(List.of(WEATHER), ToolChoice.REQUIRED)),
                Arguments.of("response_format", thinking.withResponseFormat(ResponseFormat.JSON_OBJECT)),
                Arguments.of("response_format", ask("Paris?").withTools(List.of(WEATHER), null)
                        .withResponseFormat(ResponseFormat.JSON_OBJECT)),
                Arguments.of("reasoning_effort", new ChatRequest(MODEL, toolExchange, null, null, null, null)
                        .withTools(List.of(WEATHER), null).withOptions(options(null, null, "low"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void what_the_api_cannot_take_is_refused_by_name_before_any_call(String param, ChatRequest request) {
        LlmException chat = assertThrows(LlmException.class, () -> provider().chat(request));
        LlmException stream = assertThrows(LlmException.class, () -> provider().stream(request, text -> { }));

        for (LlmException e : List.of(chat, stream)) {
            assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
            assertEquals(param, e.param(), e.getMessage());
        }
        VENDOR.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void tool_call_arguments_that_are_not_a_json_object_are_refused_before_any_call() {
        ChatRequest request = new ChatRequest(MODEL, List.of(ChatMessage.user("Paris?"),
                ChatMessage.assistant("", List.of(new ToolCall("toolu_1", "get_weather", "Paris"))),
                ChatMessage.tool("toolu_1", "sunny")), null, null, null, null).withTools(List.of(WEATHER), null);

        LlmException e = assertThrows(LlmException.class, () -> provider().chat(request));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("messages", e.param());
        VENDOR.verify(0, anyRequestedFor(anyUrl()));
    }
}
