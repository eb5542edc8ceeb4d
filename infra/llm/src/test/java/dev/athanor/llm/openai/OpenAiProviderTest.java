package dev.athanor.llm.openai;

import dev.athanor.llm.ProviderContractTest;
import dev.athanor.llm.http.TestJson;
import dev.athanor.llm.http.TestTransport;
import dev.athanor.model.llm.ChatChoice;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.Usage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The openai kind against a fake speaking the Chat Completions wire format (JSON, SSE chunks, error objects). */
class OpenAiProviderTest extends ProviderContractTest {

    private static final String KEY = "sk-test-0123456789abcdef";

    /** The first call in a JVM loads the HTTP client and the fake's handlers: slower than the deadlines under test. */
    @BeforeAll
    static void warmUp() {
        VENDOR.stubFor(any(anyUrl()).willReturn(okJson("{}")));
        provider(VENDOR.baseUrl(), KEY, LlmTimeouts.DEFAULT).models();
        VENDOR.resetAll();
    }

    @Override
    protected LlmProvider provider(String baseUrl, LlmTimeouts timeouts) {
        return provider(baseUrl, KEY, timeouts);
    }

    private static LlmProvider provider(String baseUrl, String key, LlmTimeouts timeouts) {
        return new OpenAiProviderFactory(TestJson.MAPPER, TestTransport.CLIENT).create(
                new ProviderConfig("openai-test", ProviderKind.OPENAI, baseUrl, key, List.of(), Map.of(), timeouts));
    }

    @Override
    protected void stubChat(String text) {
        VENDOR.stubFor(post("/chat/completions").willReturn(okJson("""
                {"id":"chatcmpl-123","object":"chat.completion","created":1677652288,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}
                """.formatted(MODEL, text))));
    }

    @Override
    protected void stubStream(List<String> deltas) {
        VENDOR.stubFor(post("/chat/completions").willReturn(sse(sseBody(deltas, "stop"))));
    }

    static String sseBody(List<String> deltas, String finishReason) {
        StringBuilder body = new StringBuilder(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        deltas.forEach(delta -> body.append(chunk("{\"content\":\"" + delta + "\"}", null)));
        body.append(chunk("{}", finishReason));
        body.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"")
                .append(MODEL).append("\",\"choices\":[],")
                .append("\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}\n\n");
        return body.append("data: [DONE]\n\n").toString();
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + MODEL
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}],\"usage\":null}\n\n";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    @Override
    protected void stubModels(List<String> ids) {
        String data = ids.stream()
                .map(id -> "{\"id\":\"" + id + "\",\"object\":\"model\",\"created\":1686935002,\"owned_by\":\"organization-owner\"}")
                .collect(Collectors.joining(","));
        VENDOR.stubFor(get("/models").willReturn(okJson("{\"object\":\"list\",\"data\":[" + data + "]}")));
    }

    @Override
    protected void stubError(int status) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"vendor says " + status + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
        if (status == 429) {
            response = response.withHeader("Retry-After", "7");
        }
        VENDOR.stubFor(post("/chat/completions").willReturn(response));
    }

    @Override
    protected void stubSlow(Duration delay) {
        VENDOR.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay((int) delay.toMillis())));
    }

    @Override
    protected void verifyCredentialsSent() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void chat_sends_only_the_fields_the_request_set() {
        stubChat("ok");

        provider().chat(ChatRequest.of(MODEL, List.of(ChatMessage.user("Hi"))));

        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson(
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
    }

    @Test
    void chat_sends_every_sampling_field_that_was_set() {
        stubChat("ok");

        provider().chat(new ChatRequest(MODEL, List.of(ChatMessage.user("Hi")), 0.5, 0.9, 12, List.of("END")));

        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"user","content":"Hi"}],
                 "temperature":0.5,"top_p":0.9,"max_tokens":12,"stop":["END"]}""".formatted(MODEL))));
    }

    @Test
    void top_k_is_sent_as_the_extra_body_field_vllm_and_llamastack_accept() {
        stubChat("ok");

        provider().chat(ChatRequest.of(MODEL, List.of(ChatMessage.user("Hi"))).withTopK(40));

        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"user","content":"Hi"}],"top_k":40}""".formatted(MODEL))));
    }

    @Test
    void stream_asks_for_usage_in_the_final_chunk() {
        stubStream(List.of("a"));

        provider().stream(ChatRequest.of(MODEL, List.of(ChatMessage.user("Hi"))), text -> { });

        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"user","content":"Hi"}],
                 "stream":true,"stream_options":{"include_usage":true}}""".formatted(MODEL))));
    }

    @Test
    void stream_reports_the_finish_reason_of_the_chunk_that_has_one() {
        VENDOR.stubFor(post("/chat/completions").willReturn(sse(sseBody(List.of("cut"), "length"))));

        ChatResponse summary = provider().stream(request(), text -> { });

        assertEquals("length", summary.finishReason());
        assertEquals("chatcmpl-1", summary.id());
    }

    @Test
    void no_authorization_header_is_sent_without_a_key() {
        stubChat("ok");

        provider(VENDOR.baseUrl(), null, TIMEOUTS).chat(request());

        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withoutHeader("Authorization"));
    }

    @Test
    void the_vendor_message_reaches_the_error_but_the_key_never_does() {
        VENDOR.stubFor(post("/chat/completions").willReturn(aResponse().withStatus(401).withBody(
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));

        LlmException e = assertThrows(LlmException.class, () -> provider().chat(request()));

        assertEquals(LlmErrorKind.AUTHENTICATION, e.kind());
        assertEquals(401, e.upstreamStatus());
        assertTrue(e.getMessage().contains("Incorrect API key provided"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void an_error_chunk_inside_a_stream_fails_the_stream_after_the_text_so_far() {
        VENDOR.stubFor(post("/chat/completions").willReturn(sse(chunk("{\"content\":\"Hel\"}", null)
                + "data: {\"error\":{\"message\":\"engine crashed\",\"type\":\"server_error\"}}\n\n")));
        List<String> received = new ArrayList<>();

        LlmException e = assertThrows(LlmException.class, () -> provider().stream(request(), received::add));

        assertEquals(List.of("Hel"), received);
        assertEquals(LlmErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("engine crashed"), e.getMessage());
    }

    @Test
    void a_stream_whose_first_token_is_late_fails_as_timeout_even_when_headers_came_fast() {
        VENDOR.stubFor(post("/chat/completions").willReturn(sse(sseBody(List.of("late"), "stop"))
                .withChunkedDribbleDelay(2, 6000)));

        long start = System.nanoTime();
        LlmException e = assertThrows(LlmException.class,
                () -> provider(VENDOR.baseUrl(), FAST_TIMEOUTS).stream(request(), text -> { }));

        assertEquals(LlmErrorKind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("no first token within 400 ms"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500, "gave up at the first-token deadline");
    }

    @Test
    void a_refused_connection_is_unavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LlmProvider provider = provider("http://localhost:" + closedPort + "/v1", TIMEOUTS);

        LlmException chat = assertThrows(LlmException.class, () -> provider.chat(request()));
        LlmException stream = assertThrows(LlmException.class, () -> provider.stream(request(), text -> { }));

        assertEquals(LlmErrorKind.UNAVAILABLE, chat.kind());
        assertEquals(LlmErrorKind.UNAVAILABLE, stream.kind());
    }

    @Test
    void models_keep_the_vendors_owner() {
        stubModels(List.of("gpt-4o"));

        assertEquals(List.of(new ModelInfo("gpt-4o", "organization-owner")), provider().models());
    }

    @Test
    void embeddings_come_back_in_input_order() {
        VENDOR.stubFor(post("/embeddings").withRequestBody(
                        equalToJson("{\"model\":\"emb\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"float\"}"))
                .willReturn(okJson("""
                        {"object":"list","model":"emb","usage":{"prompt_tokens":2,"total_tokens":2},
                         "data":[{"object":"embedding","index":1,"embedding":[0.5,0.25]},
                                 {"object":"embedding","index":0,"embedding":[1.0,-1.0]}]}""")));

        EmbeddingResponse response = provider().embed(new EmbeddingRequest("emb", List.of("a", "b")));

        assertArrayEquals(new float[]{1.0f, -1.0f}, response.vectors().get(0));
        assertArrayEquals(new float[]{0.5f, 0.25f}, response.vectors().get(1));
        assertEquals(2, response.usage().promptTokens());
    }

    @Test
    void embeddings_pass_token_inputs_dimensions_and_user_as_is() {
        VENDOR.stubFor(post("/embeddings").willReturn(okJson("""
                {"object":"list","model":"emb","usage":{"prompt_tokens":3,"total_tokens":3},
                 "data":[{"object":"embedding","index":0,"embedding":[0.6,0.8]}]}""")));

        provider().embed(new EmbeddingRequest("emb", List.of(), List.of(List.of(9906, 1917, 0)), 2, "user-1"));

        VENDOR.verify(postRequestedFor(urlEqualTo("/embeddings")).withRequestBody(equalToJson("""
                {"model":"emb","input":[[9906,1917,0]],"dimensions":2,"user":"user-1","encoding_format":"float"}""")));
    }

    @Test
    void every_setting_and_unknown_field_goes_as_is_and_every_choice_comes_back() {
        VENDOR.stubFor(post("/chat/completions").willReturn(okJson("""
                {"id":"chatcmpl-9","object":"chat.completion","created":1,"model":"%s","system_fingerprint":"fp_1",
                 "choices":[
                   {"index":1,"message":{"role":"assistant","content":"Two"},"finish_reason":"length",
                    "logprobs":{"content":[{"token":"Two","logprob":-0.5,"bytes":[84,119,111],"top_logprobs":[]}]}},
                   {"index":0,"message":{"role":"assistant","content":"One"},"finish_reason":"stop",
                    "logprobs":{"content":[{"token":"One","logprob":-0.25,"bytes":[79,110,101],"top_logprobs":[]}]}}],
                 "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""".formatted(MODEL))));
        ChatOptions options = new ChatOptions(false, 2, 42L, "user-7", 0.1, 0.2, json("{\"50256\":-100}"), true, 2,
                "low", Map.of("team", "blue"), true, Map.of("service_tier", json("\"flex\"")));

        ChatResponse response = provider().chat(ChatRequest.of(MODEL, List.of(ChatMessage.user("Count")))
                .withOptions(options).withResponseFormat(ResponseFormat.JSON_OBJECT)
                .withTools(List.of(WEATHER), ToolChoice.function("get_weather")));

        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson("""
                {"service_tier":"flex","model":"%s","messages":[{"role":"user","content":"Count"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"The weather in a city now",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false,
                 "response_format":{"type":"json_object"},"n":2,"seed":42,"user":"user-7","presence_penalty":0.1,
                 "frequency_penalty":0.2,"logit_bias":{"50256":-100},"logprobs":true,"top_logprobs":2,
                 "reasoning_effort":"low","metadata":{"team":"blue"}}""".formatted(MODEL))));
        assertEquals(List.of("One", "Two"), response.choices().stream().map(ChatChoice::content).toList());
        assertEquals(List.of("stop", "length"), response.choices().stream().map(ChatChoice::finishReason).toList());
        assertEquals(-0.25, response.choices().get(0).logprobs().get("content").get(0).get("logprob").getDoubleValue());
        assertEquals("fp_1", response.systemFingerprint());
    }

    @Test
    void the_token_limit_goes_under_the_name_the_caller_used() {
        stubChat("ok");
        ChatOptions completionTokens = new ChatOptions(null, null, null, null, null, null, null, null, null, null,
                null, true, null);

        provider().chat(new ChatRequest(MODEL, List.of(ChatMessage.user("Hi")), null, null, 50, null)
                .withOptions(completionTokens));

        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":50}""".formatted(MODEL))));
    }

    @Test
    void cached_and_reasoning_tokens_come_back_with_the_usage() {
        stubToolCall();

        ChatResponse response = provider().chat(toolRequest());

        assertEquals(new Usage(11, 7, 4, 2), response.usage());
        assertEquals("fp_44709d6fcb", response.systemFingerprint());
    }

    @Override
    protected void stubToolCall() {
        VENDOR.stubFor(post("/chat/completions").willReturn(okJson("""
                {"id":"chatcmpl-7","object":"chat.completion","created":1,"model":"%s","system_fingerprint":"fp_44709d6fcb",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
                   "tool_calls":[{"id":"%s","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18,
                   "prompt_tokens_details":{"cached_tokens":4,"audio_tokens":0},
                   "completion_tokens_details":{"reasoning_tokens":2,"audio_tokens":0}}}
                """.formatted(MODEL, CALL_ID))));
    }

    @Override
    protected void stubToolCallStream() {
        String body = chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"" + CALL_ID
                + "\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null)
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", null)
                + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]}", null)
                + chunk("{}", "tool_calls")
                + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + MODEL
                + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}\n\n"
                + "data: [DONE]\n\n";
        VENDOR.stubFor(post("/chat/completions").willReturn(sse(body)));
    }

    @Override
    protected void verifyToolOffered() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson("""
                {"tools":[{"type":"function","function":{"name":"get_weather","description":"The weather in a city now",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "tool_choice":"auto"}""", true, true)));
    }

    @Override
    protected void verifyToolResultSent() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson("""
                {"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello"},
                  {"role":"assistant","tool_calls":[{"id":"%s","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","content":"%s","tool_call_id":"%s"}]}""".formatted(CALL_ID, TOOL_RESULT, CALL_ID),
                true, true)));
    }

    @Override
    protected void stubJsonAnswer(String json) {
        stubChat(json.replace("\"", "\\\""));
    }

    @Override
    protected void verifyJsonSchemaRequested() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson("""
                {"response_format":{"type":"json_schema","json_schema":{"name":"weather_report","strict":true,
                  "schema":{"type":"object","properties":{"city":{"type":"string"},"celsius":{"type":"integer"}},
                    "required":["city","celsius"],"additionalProperties":false}}}}""", true, true)));
    }

    @Override
    protected void verifyImageSent() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/chat/completions")).withRequestBody(equalToJson("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"What is in this picture?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}]}]}""".formatted(PNG_BASE64),
                true, true)));
    }

    /** An OpenAI-compatible upstream takes every setting as is. */
    @Override
    protected String unsupportedParameter() {
        return null;
    }
}
