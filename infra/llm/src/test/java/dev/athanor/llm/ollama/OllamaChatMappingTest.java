package dev.athanor.llm.ollama;

import dev.athanor.llm.RecordingListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.llm.http.TestJson;
import dev.athanor.llm.http.TestTransport;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the ollama kind sends to and reads from {@code /api/chat} and {@code /api/embed} beyond the shared contract. */
class OllamaChatMappingTest {

    @RegisterExtension
    static final WireMockExtension OLLAMA = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final LlmTimeouts TIMEOUTS =
            new LlmTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
    private static final String HI = "{\"role\":\"user\",\"content\":\"Hi\"}";
    private static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "The weather in a city now",
            json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"), null);
    private static final String DONE =
            "\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":11,\"eval_count\":7";

    private static OllamaProvider ollama() {
        return new OllamaProviderFactory(TestJson.MAPPER, TestTransport.CLIENT).create(new ProviderConfig(
                "local-ollama", ProviderKind.OLLAMA, OLLAMA.baseUrl(), null, List.of(), Map.of(), TIMEOUTS));
    }

    private static JsonNode json(String text) {
        try {
            return TestJson.MAPPER.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChatRequest hi(String model) {
        return ChatRequest.of(model, List.of(ChatMessage.user("Hi")));
    }

    private static void answer(String message) {
        OLLAMA.stubFor(post("/api/chat").willReturn(okJson(
                "{\"model\":\"llama3.2\",\"message\":" + message + "," + DONE + "}")));
    }

    private static void verifySent(String body) {
        OLLAMA.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson(body)));
    }

    private static ChatOptions options(Long seed, Double presence, Double frequency, String effort) {
        return new ChatOptions(null, null, seed, "user-7", presence, frequency, null, null, null, effort,
                Map.of("team", "search"), false, null);
    }

    @Test
    void tool_choice_none_offers_no_tools() {
        answer("{\"role\":\"assistant\",\"content\":\"Hello\"}");

        ollama().chat(hi("llama3.2").withTools(List.of(WEATHER), ToolChoice.NONE));

        verifySent("{\"model\":\"llama3.2\",\"messages\":[" + HI + "],\"stream\":false}");
    }

    @Test
    void forcing_a_tool_is_refused_as_tool_choice_before_any_call() {
        for (ToolChoice forced : List.of(ToolChoice.REQUIRED, ToolChoice.function("get_weather"))) {
            ChatRequest request = hi("llama3.2").withTools(List.of(WEATHER), forced);

            LlmException chat = assertThrows(LlmException.class, () -> ollama().chat(request));
            LlmException stream = assertThrows(LlmException.class, () -> ollama().stream(request, text -> { }));

            for (LlmException e : List.of(chat, stream)) {
                assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
                assertEquals("tool_choice", e.param(), forced.mode());
            }
        }
        OLLAMA.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"n", "logit_bias", "logprobs", "top_logprobs", "parallel_tool_calls"})
    void what_ollama_cannot_do_is_refused_by_name_before_any_call(String parameter) {
        ChatOptions asked = switch (parameter) {
            case "n" -> new ChatOptions(null, 3, null, null, null, null, null, null, null, null, null, false, null);
            case "logit_bias" -> new ChatOptions(null, null, null, null, null, null, json("{\"50256\":-100}"), null,
                    null, null, null, false, null);
            case "logprobs" -> new ChatOptions(null, null, null, null, null, null, null, true, null, null, null,
                    false, null);
            case "top_logprobs" -> new ChatOptions(null, null, null, null, null, null, null, null, 2, null, null,
                    false, null);
            default -> new ChatOptions(false, null, null, null, null, null, null, null, null, null, null, false, null);
        };

        LlmException e = assertThrows(LlmException.class,
                () -> ollama().chat(hi("llama3.2").withTools(List.of(WEATHER), null).withOptions(asked)));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        assertEquals(parameter, e.param());
        OLLAMA.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void seed_and_penalties_are_runner_options_and_user_and_metadata_are_left_out() {
        answer("{\"role\":\"assistant\",\"content\":\"Hello\"}");

        ollama().chat(hi("llama3.2").withOptions(options(42L, 0.5, 1.0, null)));

        verifySent("{\"model\":\"llama3.2\",\"messages\":[" + HI + "],\"stream\":false,"
                + "\"options\":{\"seed\":42,\"presence_penalty\":0.5,\"frequency_penalty\":1.0}}");
    }

    @ParameterizedTest(name = "{0} at {1} -> think {2}")
    @CsvSource(delimiter = '|', value = {
            "qwen3        | low     | true",
            "qwen3:8b     | high    | true",
            "deepseek-r1  | minimal | true",
            "qwen3        | none    | false",
            "gpt-oss:20b  | minimal | \"low\"",
            "gpt-oss:120b | medium  | \"medium\"",
            "gpt-oss      | high    | \"high\""})
    void reasoning_effort_is_think_on_or_off_or_gpt_oss_level(String model, String effort, String think) {
        answer("{\"role\":\"assistant\",\"content\":\"3\"}");

        ollama().chat(hi(model).withOptions(options(null, null, null, effort)));

        verifySent("{\"model\":\"" + model + "\",\"messages\":[" + HI + "],\"stream\":false,\"think\":" + think + "}");
    }

    @Test
    void a_reasoning_effort_ollama_has_no_level_for_is_refused_by_name() {
        ChatRequest request = hi("qwen3").withOptions(options(null, null, null, "extreme"));

        LlmException e = assertThrows(LlmException.class, () -> ollama().chat(request));

        assertEquals("reasoning_effort", e.param());
        OLLAMA.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void json_object_is_format_json() {
        answer("{\"role\":\"assistant\",\"content\":\"{}\"}");

        ollama().chat(hi("llama3.2").withResponseFormat(ResponseFormat.JSON_OBJECT));

        verifySent("{\"model\":\"llama3.2\",\"messages\":[" + HI + "],\"stream\":false,\"format\":\"json\"}");
    }

    @Test
    void inline_images_go_in_the_turns_images_list_in_order_with_its_text_as_content() {
        answer("{\"role\":\"assistant\",\"content\":\"Two dots.\"}");
        ChatMessage look = new ChatMessage("user", "Compare these.", List.of(
                new ContentPart.Text("Compare these."),
                new ContentPart.Image("data:image/png;base64,AAAA", null, "image/png", "AAAA"),
                new ContentPart.Image("data:image/jpeg;base64,BBBB", "high", "image/jpeg", "BBBB")),
                null, null, null);

        ollama().chat(ChatRequest.of("llava", List.of(look)));

        verifySent("{\"model\":\"llava\",\"messages\":[{\"role\":\"user\",\"content\":\"Compare these.\","
                + "\"images\":[\"AAAA\",\"BBBB\"]}],\"stream\":false}");
    }

    @Test
    void an_image_by_url_is_refused_as_image_url_before_any_call() {
        ChatMessage look = new ChatMessage("user", "What is this?", List.of(new ContentPart.Text("What is this?"),
                new ContentPart.Image("https://example.com/cat.png", null, null, null)), null, null, null);

        LlmException e = assertThrows(LlmException.class,
                () -> ollama().chat(ChatRequest.of("llava", List.of(look))));

        assertEquals("image_url", e.param());
        OLLAMA.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void each_tool_turn_names_the_function_of_the_call_it_answers() {
        answer("{\"role\":\"assistant\",\"content\":\"Paris is sunny, Oslo rainy.\"}");
        List<ChatMessage> messages = List.of(ChatMessage.user("Hi"),
                ChatMessage.assistant("Checking.", List.of(
                        new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_b", "get_forecast", "{\"city\":\"Oslo\"}"))),
                ChatMessage.tool("call_b", "rain"),
                new ChatMessage("tool", "sun", null, null, "call_a", "weather_now"));

        ollama().chat(ChatRequest.of("llama3.2", messages).withTools(List.of(WEATHER), ToolChoice.AUTO));

        verifySent("""
                {"model":"llama3.2","stream":false,"messages":[%s,
                  {"role":"assistant","content":"Checking.","tool_calls":[
                    {"id":"call_a","function":{"name":"get_weather","arguments":{"city":"Paris"}}},
                    {"id":"call_b","function":{"name":"get_forecast","arguments":{"city":"Oslo"}}}]},
                  {"role":"tool","content":"rain","tool_name":"get_forecast","tool_call_id":"call_b"},
                  {"role":"tool","content":"sun","tool_name":"weather_now","tool_call_id":"call_a"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"The weather in a city now",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""".formatted(HI));
    }

    @Test
    void a_call_whose_arguments_are_not_a_json_object_is_refused_before_any_call() {
        List<ChatMessage> messages = List.of(ChatMessage.user("Hi"),
                ChatMessage.assistant("", List.of(new ToolCall("call_a", "get_weather", "[\"Paris\"]"))),
                ChatMessage.tool("call_a", "sun"));

        LlmException e = assertThrows(LlmException.class, () -> ollama().chat(ChatRequest.of("llama3.2", messages)));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("messages", e.param());
        OLLAMA.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void calls_without_an_id_from_older_ollama_get_distinct_generated_ids() {
        answer("""
                {"role":"assistant","content":"","tool_calls":[
                  {"function":{"name":"get_weather","arguments":{"city":"Paris","units":"metric"}}},
                  {"function":{"name":"get_weather","arguments":{"city":"Oslo"}}}]}""");

        ChatResponse response = ollama().chat(hi("llama3.2").withTools(List.of(WEATHER), null));

        List<ToolCall> calls = response.toolCalls();
        assertEquals(2, calls.size());
        assertTrue(calls.get(0).id().matches("call_[a-z0-9]{8}"), calls.get(0).id());
        assertTrue(calls.get(1).id().matches("call_[a-z0-9]{8}"), calls.get(1).id());
        assertNotEquals(calls.get(0).id(), calls.get(1).id());
        assertEquals("{\"city\":\"Paris\",\"units\":\"metric\"}", calls.get(0).arguments());
        assertEquals("{\"city\":\"Oslo\"}", calls.get(1).arguments());
        assertEquals("tool_calls", response.finishReason());
    }

    @Test
    void a_streamed_call_without_an_id_keeps_its_generated_id_from_first_piece_to_summary() {
        OLLAMA.stubFor(post("/api/chat").willReturn(aResponse().withStatus(200).withBody("""
                {"model":"llama3.2","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done":false}
                {"model":"llama3.2","message":{"role":"assistant","content":""},%s}
                """.formatted(DONE))));
        List<ToolCallDelta> deltas = new ArrayList<>();

        ChatResponse summary = ollama().stream(hi("llama3.2").withTools(List.of(WEATHER), null), new RecordingListener(new ArrayList<>(), deltas));

        String id = summary.toolCalls().get(0).id();
        assertTrue(id.matches("call_[a-z0-9]{8}"), id);
        assertEquals(List.of(new ToolCallDelta(0, id, "get_weather", ""),
                new ToolCallDelta(0, null, null, "{\"city\":\"Paris\"}")), deltas);
    }

    @Test
    void a_thinking_models_thoughts_are_not_the_answer() {
        answer("{\"role\":\"assistant\",\"content\":\"3\",\"thinking\":\"s-t-r-a-w-b-e-r-r-y has three r.\"}");

        assertEquals("3", ollama().chat(hi("qwen3")).content());
    }

    @Test
    void a_streamed_thinking_models_thoughts_are_not_delivered_as_text() {
        OLLAMA.stubFor(post("/api/chat").willReturn(aResponse().withStatus(200).withBody("""
                {"model":"qwen3","message":{"role":"assistant","content":"","thinking":"Count the r."},"done":false}
                {"model":"qwen3","message":{"role":"assistant","content":"3"},"done":false}
                {"model":"qwen3","message":{"role":"assistant","content":""},%s}
                """.formatted(DONE))));
        List<String> text = new ArrayList<>();

        ChatResponse summary = ollama().stream(hi("qwen3"), text::add);

        assertEquals(List.of("3"), text);
        assertEquals("3", summary.content());
        assertEquals("stop", summary.finishReason());
    }

    @Test
    void embed_sends_dimensions_and_leaves_the_user_out() {
        OLLAMA.stubFor(post("/api/embed").willReturn(okJson(
                "{\"model\":\"embeddinggemma\",\"embeddings\":[[0.5,0.25]],\"prompt_eval_count\":3}")));

        ollama().embed(new EmbeddingRequest("embeddinggemma", List.of("a"), null, 2, "user-7"));

        OLLAMA.verify(postRequestedFor(urlEqualTo("/api/embed")).withRequestBody(equalToJson(
                "{\"model\":\"embeddinggemma\",\"input\":[\"a\"],\"dimensions\":2}")));
    }

    @Test
    void embedding_token_ids_is_refused_as_input_before_any_call() {
        EmbeddingRequest tokens = new EmbeddingRequest("all-minilm", null, List.of(List.of(101, 2023)), null, null);

        LlmException e = assertThrows(LlmException.class, () -> ollama().embed(tokens));

        assertEquals("input", e.param());
        OLLAMA.verify(0, anyRequestedFor(anyUrl()));
    }
}
