package dev.athanor.llm.anthropic;

import dev.athanor.llm.ProviderContractTest;
import dev.athanor.llm.http.TestJson;
import dev.athanor.llm.http.TestTransport;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The anthropic kind against a fake speaking the Messages API (content blocks, SSE events, typed error bodies). */
class AnthropicProviderTest extends ProviderContractTest {

    private static final String KEY = "sk-ant-api03-secret";

    /** The first call in a JVM loads the HTTP client and the fake's handlers: slower than the deadlines under test. */
    @BeforeAll
    static void warmUp() {
        VENDOR.stubFor(any(anyUrl()).willReturn(okJson("{}")));
        anthropic(VENDOR.baseUrl(), LlmTimeouts.DEFAULT, Map.of()).models();
        VENDOR.resetAll();
    }

    @Override
    protected LlmProvider provider(String baseUrl, LlmTimeouts timeouts) {
        return anthropic(baseUrl, timeouts, Map.of());
    }

    private static LlmProvider anthropic(String baseUrl, LlmTimeouts timeouts, Map<String, String> options) {
        return new AnthropicProviderFactory(TestJson.MAPPER, TestTransport.CLIENT).create(
                new ProviderConfig("anthropic-test", ProviderKind.ANTHROPIC, baseUrl, KEY, List.of(), options, timeouts));
    }

    @Override
    protected void stubChat(String text) {
        stubChat(text, "end_turn");
    }

    private static void stubChat(String text, String stopReason) {
        VENDOR.stubFor(post("/v1/messages").willReturn(okJson("""
                {"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"%s",
                 "content":[{"type":"text","text":"%s"}],"stop_reason":"%s","stop_sequence":null,
                 "usage":{"input_tokens":11,"output_tokens":7}}""".formatted(MODEL, text, stopReason))));
    }

    @Override
    protected void stubStream(List<String> deltas) {
        StringBuilder body = new StringBuilder(event("message_start", """
                {"type":"message_start","message":{"id":"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY","type":"message","role":"assistant","content":[],"model":"%s","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":1}}}""".formatted(MODEL)));
        body.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        body.append(event("ping", "{\"type\": \"ping\"}"));
        deltas.forEach(delta -> body.append(event("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + delta + "\"}}")));
        body.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        body.append(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}"));
        body.append(event("message_stop", "{\"type\":\"message_stop\"}"));
        VENDOR.stubFor(post("/v1/messages").willReturn(sse(body.toString())));
    }

    static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    @Override
    protected void stubModels(List<String> ids) {
        String data = ids.stream().map(id -> "{\"type\":\"model\",\"id\":\"" + id
                        + "\",\"display_name\":\"" + id + "\",\"created_at\":\"2025-02-19T00:00:00Z\"}")
                .collect(Collectors.joining(","));
        VENDOR.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson(
                "{\"data\":[" + data + "],\"has_more\":false,\"first_id\":null,\"last_id\":null}")));
    }

    @Override
    protected void stubError(int status) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"vendor says " + status + "\"}}");
        if (status == 429) {
            response = response.withHeader("Retry-After", "7");
        }
        VENDOR.stubFor(post("/v1/messages").willReturn(response));
    }

    @Override
    protected void stubSlow(Duration delay) {
        VENDOR.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay((int) delay.toMillis())));
    }

    @Override
    protected void verifyCredentialsSent() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withoutHeader("Authorization"));
    }

    @Test
    void system_messages_go_to_the_top_level_system_field() {
        stubChat("ok");

        provider().chat(new ChatRequest(MODEL, List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi"),
                ChatMessage.assistant("Hello"), ChatMessage.system("Use English."), ChatMessage.user("Again")),
                0.2, null, 64, List.of("END")));

        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson("""
                {"model":"%s","max_tokens":64,"system":"Be brief.\\n\\nUse English.",
                 "messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"},
                             {"role":"user","content":"Again"}],
                 "temperature":0.2,"stop_sequences":["END"]}""".formatted(MODEL))));
    }

    @Test
    void top_k_is_sent_as_the_messages_api_names_it() {
        stubChat("ok");

        provider().chat(ChatRequest.of(MODEL, List.of(ChatMessage.user("Hi"))).withTopK(5));

        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson(
                "{\"model\":\"" + MODEL + "\",\"max_tokens\":4096,\"top_k\":5,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
    }

    @Test
    void max_tokens_is_always_sent_because_the_api_requires_it() {
        stubChat("ok");

        provider().chat(ChatRequest.of(MODEL, List.of(ChatMessage.user("Hi"))));
        anthropic(VENDOR.baseUrl(), TIMEOUTS, Map.of("max-tokens", "256"))
                .chat(ChatRequest.of(MODEL, List.of(ChatMessage.user("Again"))));

        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson(
                "{\"model\":\"" + MODEL + "\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson(
                "{\"model\":\"" + MODEL + "\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\"Again\"}]}")));
    }

    @Test
    void the_anthropic_version_option_overrides_the_header() {
        stubChat("ok");

        anthropic(VENDOR.baseUrl(), TIMEOUTS, Map.of("anthropic-version", "2024-01-01")).chat(request());

        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withHeader("anthropic-version", equalTo("2024-01-01")));
    }

    @ParameterizedTest(name = "stop_reason {0} -> finish_reason {1}")
    @CsvSource({"end_turn, stop", "stop_sequence, stop", "max_tokens, length", "tool_use, tool_calls"})
    void stop_reason_maps_to_the_openai_finish_reason(String stopReason, String finishReason) {
        stubChat("ok", stopReason);

        assertEquals(finishReason, provider().chat(request()).finishReason());
    }

    @Test
    void only_text_blocks_make_up_the_reply() {
        VENDOR.stubFor(post("/v1/messages").willReturn(okJson("""
                {"id":"msg_1","type":"message","role":"assistant","model":"m","stop_reason":"tool_use",
                 "content":[{"type":"text","text":"Let me check. "},
                            {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris"}},
                            {"type":"text","text":"Done."}],
                 "usage":{"input_tokens":3,"output_tokens":4}}""")));

        ChatResponse response = provider().chat(request());

        assertEquals("Let me check. Done.", response.content());
        assertEquals("tool_calls", response.finishReason());
    }

    @Test
    void an_overloaded_error_event_mid_stream_is_unavailable_after_the_text_so_far() {
        VENDOR.stubFor(post("/v1/messages").willReturn(sse(
                event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"m\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}")
                        + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}")
                        + event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))));
        List<String> received = new ArrayList<>();

        LlmException e = assertThrows(LlmException.class, () -> provider().stream(request(), received::add));

        assertEquals(List.of("Hel"), received);
        assertEquals(LlmErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("Overloaded"), e.getMessage());
    }

    @Test
    void status_529_overloaded_is_unavailable() {
        stubError(529);

        LlmException e = assertThrows(LlmException.class, () -> provider().chat(request()));

        assertEquals(LlmErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("overloaded_error"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void models_follow_the_pages_the_api_announces() {
        VENDOR.stubFor(get(urlEqualTo("/v1/models?limit=1000")).willReturn(okJson(
                "{\"data\":[{\"type\":\"model\",\"id\":\"claude-a\"}],\"has_more\":true,\"first_id\":\"claude-a\",\"last_id\":\"claude-a\"}")));
        VENDOR.stubFor(get(urlEqualTo("/v1/models?limit=1000&after_id=claude-a")).willReturn(okJson(
                "{\"data\":[{\"type\":\"model\",\"id\":\"claude-b\"}],\"has_more\":false,\"first_id\":\"claude-b\",\"last_id\":\"claude-b\"}")));

        assertEquals(List.of(new ModelInfo("claude-a", "anthropic"), new ModelInfo("claude-b", "anthropic")),
                provider().models());
    }

    @Test
    void embeddings_are_refused_because_the_vendor_offers_none() {
        LlmException e = assertThrows(LlmException.class,
                () -> provider().embed(new EmbeddingRequest(MODEL, List.of("text"))));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("embeddings"), e.getMessage());
    }

    @Override
    protected void stubToolCall() {
        VENDOR.stubFor(post("/v1/messages").willReturn(okJson("""
                {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"%s",
                 "content":[{"type":"tool_use","id":"%s","name":"get_weather","input":%s}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":11,"output_tokens":7}}""".formatted(MODEL, CALL_ID, ARGUMENTS))));
    }

    @Override
    protected void stubToolCallStream() {
        VENDOR.stubFor(post("/v1/messages").willReturn(sse(messageStart()
                + event("content_block_start", """
                {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"%s","name":"get_weather","input":{}}}""".formatted(CALL_ID))
                + inputJson(0, "")
                + inputJson(0, "{\\\"city\\\":")
                + inputJson(0, " \\\"Paris\\\"}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + messageEnd("tool_use"))));
    }

    /** message_start with 11 input tokens, as the API opens every stream. */
    static String messageStart() {
        return event("message_start", """
                {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","content":[],"model":"%s","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":1}}}""".formatted(MODEL));
    }

    /** message_delta with this stop reason and 7 output tokens, then message_stop. */
    static String messageEnd(String stopReason) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    /** An input_json_delta; the fragment is given JSON-escaped, as it appears inside the event's string. */
    static String inputJson(int block, String escapedFragment) {
        return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + block
                + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + escapedFragment + "\"}}");
    }

    @Override
    protected void verifyToolOffered() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson("""
                {"tools":[{"name":"get_weather","description":"The weather in a city now",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "tool_choice":{"type":"auto"}}""", false, true)));
    }

    @Override
    protected void verifyToolResultSent() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson("""
                {"model":"%s","max_tokens":64,"system":"Be brief.",
                 "messages":[{"role":"user","content":"Say hello"},
                             {"role":"assistant","content":[
                                 {"type":"tool_use","id":"%s","name":"get_weather","input":{"city":"Paris"}}]},
                             {"role":"user","content":[
                                 {"type":"tool_result","tool_use_id":"%s","content":"%s"}]}],
                 "tools":[{"name":"get_weather","description":"The weather in a city now",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "tool_choice":{"type":"auto"}}""".formatted(MODEL, CALL_ID, CALL_ID, TOOL_RESULT))));
    }

    @Override
    protected void stubJsonAnswer(String json) {
        VENDOR.stubFor(post("/v1/messages").willReturn(okJson("""
                {"id":"msg_01Bq9w938a90dw8q","type":"message","role":"assistant","model":"%s",
                 "content":[{"type":"tool_use","id":"toolu_01D7FLrfh4GYq7yT1ULFeyMV","name":"weather_report","input":%s}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":11,"output_tokens":7}}""".formatted(MODEL, json))));
    }

    @Override
    protected void verifyJsonSchemaRequested() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson("""
                {"model":"%s","max_tokens":64,"system":"Be brief.",
                 "messages":[{"role":"user","content":"Say hello"}],
                 "tools":[{"name":"weather_report","description":"Give your answer as this tool's input.",
                           "input_schema":{"type":"object","properties":{"city":{"type":"string"},
                                           "celsius":{"type":"integer"}},"required":["city","celsius"],
                                           "additionalProperties":false}}],
                 "tool_choice":{"type":"tool","name":"weather_report","disable_parallel_tool_use":true},
                 "temperature":0.2}""".formatted(MODEL))));
    }

    @Override
    protected void verifyImageSent() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(equalToJson("""
                {"model":"%s","max_tokens":64,
                 "messages":[{"role":"user","content":[
                     {"type":"text","text":"What is in this picture?"},
                     {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}}]}]}"""
                .formatted(MODEL, PNG_BASE64))));
    }

    @Override
    protected String unsupportedParameter() {
        return "seed";
    }
}
