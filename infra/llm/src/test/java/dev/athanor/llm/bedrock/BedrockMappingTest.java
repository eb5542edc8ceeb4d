package dev.athanor.llm.bedrock;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the port's requests become Converse calls and how Bedrock's answers come back. */
class BedrockMappingTest extends BedrockFakeTest {

    private static LlmProvider provider(LlmTimeouts timeouts, List<String> models, Map<String, String> options) {
        return provider(BEDROCK.baseUrl(), timeouts, models, options);
    }

    private void answerChat(String stopReason) {
        BEDROCK.stubFor(post(urlPathEqualTo("/model/m1/converse"))
                .willReturn(BedrockWire.converseResponse("Hi", stopReason, 3, 2)));
    }

    @Test
    void system_messages_become_system_blocks_and_only_the_set_inference_fields_are_sent() {
        answerChat("end_turn");

        provider().chat(new ChatRequest("m1", List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hello"),
                ChatMessage.assistant("Hi!"), ChatMessage.user("Again")), 0.5, null, 64, List.of("END")));

        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(equalToJson("""
                {"messages":[{"role":"user","content":[{"text":"Hello"}]},
                             {"role":"assistant","content":[{"text":"Hi!"}]},
                             {"role":"user","content":[{"text":"Again"}]}],
                 "system":[{"text":"Be brief."}],
                 "inferenceConfig":{"maxTokens":64,"temperature":0.5,"stopSequences":["END"]}}""")));
    }

    @Test
    void a_request_without_sampling_settings_sends_no_inference_config_and_top_p_alone_when_only_it_is_set() {
        answerChat("end_turn");

        provider().chat(ChatRequest.of("m1", List.of(ChatMessage.user("Hello"))));
        provider().chat(new ChatRequest("m1", List.of(ChatMessage.user("Top")), null, 0.25, null, null));

        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(equalToJson(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}")));
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(equalToJson(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Top\"}]}],"
                        + "\"inferenceConfig\":{\"topP\":0.25}}")));
    }

    @Test
    void top_k_goes_into_the_model_fields_of_families_that_have_it_and_is_left_out_for_others() {
        for (String model : List.of("anthropic.claude-3-haiku", "us.anthropic.claude-3-5-sonnet", "meta.llama3-8b",
                "amazon.nova-lite-v1")) {
            BEDROCK.stubFor(post(urlPathEqualTo("/model/" + model + "/converse"))
                    .willReturn(BedrockWire.converseResponse("Hi", "end_turn", 3, 2)));
            provider().chat(ChatRequest.of(model, List.of(ChatMessage.user("Hi"))).withTopK(7));
        }

        String hi = "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]";
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/anthropic.claude-3-haiku/converse"))
                .withRequestBody(equalToJson("{" + hi + ",\"additionalModelRequestFields\":{\"top_k\":7}}")));
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/us.anthropic.claude-3-5-sonnet/converse"))
                .withRequestBody(equalToJson("{" + hi + ",\"additionalModelRequestFields\":{\"top_k\":7}}")));
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/meta.llama3-8b/converse"))
                .withRequestBody(equalToJson("{" + hi + "}")));
        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/amazon.nova-lite-v1/converse"))
                .withRequestBody(equalToJson(
                        "{" + hi + ",\"additionalModelRequestFields\":{\"inferenceConfig\":{\"topK\":7}}}")));
    }

    @Test
    void consecutive_turns_of_one_role_are_sent_as_one_message_so_turns_alternate() {
        answerChat("end_turn");

        provider().chat(ChatRequest.of("m1", List.of(ChatMessage.user("One"), ChatMessage.user("Two"))));

        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withRequestBody(equalToJson(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"One\"},{\"text\":\"Two\"}]}]}")));
    }

    @Test
    void an_unknown_role_is_refused_before_anything_is_sent() {
        LlmException e = assertThrows(LlmException.class, () -> provider().chat(
                ChatRequest.of("m1", List.of(new ChatMessage("narrator", "Once")))));

        assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
        BEDROCK.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"end_turn, stop", "stop_sequence, stop", "max_tokens, length", "tool_use, tool_calls",
            "content_filtered, content_filter", "guardrail_intervened, content_filter"})
    void stop_reasons_map_to_the_openai_finish_reasons_in_chat_and_stream(String stopReason, String finishReason) {
        answerChat(stopReason);
        BEDROCK.stubFor(post(urlPathEqualTo("/model/m1/converse-stream")).willReturn(BedrockWire.streamResponse(
                BedrockWire.streamEvents(List.of("Hi"), stopReason, 3, 2))));
        ChatRequest request = ChatRequest.of("m1", List.of(ChatMessage.user("Hello")));

        ChatResponse chat = provider().chat(request);
        ChatResponse stream = provider().stream(request, text -> { });

        assertEquals(finishReason, chat.finishReason());
        assertEquals(finishReason, stream.finishReason());
        assertEquals(new Usage(3, 2), chat.usage());
        assertEquals(new Usage(3, 2), stream.usage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"throttlingException, RATE_LIMITED", "modelStreamErrorException, UNAVAILABLE",
            "validationException, INVALID_REQUEST", "serviceUnavailableException, UNAVAILABLE"})
    void an_error_event_after_text_began_ends_the_stream_with_its_kind(String exceptionType, LlmErrorKind kind) {
        List<byte[]> frames = new ArrayList<>(BedrockWire.streamEvents(List.of("Partial"), "end_turn", 3, 2)
                .subList(0, 2));
        frames.add(BedrockWire.exceptionEvent(exceptionType, "The stream broke off"));
        BEDROCK.stubFor(post(urlPathEqualTo("/model/m1/converse-stream"))
                .willReturn(BedrockWire.streamResponse(frames)));
        List<String> received = new ArrayList<>();

        LlmException e = assertThrows(LlmException.class, () -> provider().stream(
                ChatRequest.of("m1", List.of(ChatMessage.user("Hello"))), received::add));

        assertEquals(List.of("Partial"), received);
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("The stream broke off"), e.getMessage());
    }

    @Test
    void a_stream_that_began_but_sends_no_token_before_the_first_token_deadline_is_cancelled_as_timeout() {
        // headers and the first bytes come at once; the body then trickles in over 10 s, the first delta after ~3 s
        BEDROCK.stubFor(post(urlPathEqualTo("/model/m1/converse-stream")).willReturn(BedrockWire.streamResponse(
                BedrockWire.streamEvents(List.of("Late"), "end_turn", 3, 2)).withChunkedDribbleDelay(10, 10000)));
        LlmProvider provider = provider(new LlmTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500),
                Duration.ofSeconds(30)), List.of(), Map.of());
        List<String> received = new ArrayList<>();
        long start = System.nanoTime();

        LlmException e = assertThrows(LlmException.class, () -> provider.stream(
                ChatRequest.of("m1", List.of(ChatMessage.user("Hello"))), received::add));

        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(LlmErrorKind.TIMEOUT, e.kind());
        assertEquals(List.of(), received);
        assertTrue(elapsedMs < 2500, "gave up after " + elapsedMs + " ms instead of at the 500 ms deadline");
    }

    @Test
    void models_are_the_declared_ones_owned_by_their_vendor() {
        List<ModelInfo> models = provider(TIMEOUTS, List.of("anthropic.claude-3-haiku-20240307-v1:0",
                "us.meta.llama3-1-8b-instruct-v1:0"), Map.of()).models();

        assertEquals(List.of(new ModelInfo("anthropic.claude-3-haiku-20240307-v1:0", "anthropic"),
                new ModelInfo("us.meta.llama3-1-8b-instruct-v1:0", "meta")), models);
    }

    @Test
    void the_region_option_is_the_region_requests_are_signed_for() {
        answerChat("end_turn");

        provider(TIMEOUTS, List.of(), Map.of("region", "eu-west-3"))
                .chat(ChatRequest.of("m1", List.of(ChatMessage.user("Hello"))));

        BEDROCK.verify(postRequestedFor(urlPathEqualTo("/model/m1/converse")).withHeader("Authorization",
                matching(".*Credential=" + BedrockWire.ACCESS_KEY_ID + "/\\d{8}/eu-west-3/bedrock/aws4_request.*")));
    }

    @Test
    void a_base_url_that_is_not_http_is_refused_as_bad_input() {
        assertThrows(InvalidInputException.class, () -> factory.create(new ProviderConfig("bad", ProviderKind.BEDROCK,
                "file:///etc/passwd", null, List.of(), Map.of(), TIMEOUTS)));
        assertEquals(ProviderKind.BEDROCK, factory.kind());
    }
}
