package dev.athanor.llm.ollama;

import dev.athanor.llm.ProviderContractTest;
import dev.athanor.llm.http.Json;
import dev.athanor.llm.http.TestJson;
import dev.athanor.llm.http.TestTransport;
import dev.athanor.model.ollama.OllamaGenerateRequest;
import dev.athanor.model.ollama.OllamaGeneration;
import dev.athanor.model.ollama.OllamaModel;
import dev.athanor.model.ollama.OllamaPullProgress;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ollama kind against a fake speaking Ollama's native API (JSON, NDJSON streams, {"error": "..."}). */
class OllamaProviderTest extends ProviderContractTest {

    private static final String KEY = "proxy-token-42";

    /** The first call in a JVM loads the HTTP client and the fake's handlers: slower than the deadlines under test. */
    @BeforeAll
    static void warmUp() {
        VENDOR.stubFor(any(anyUrl()).willReturn(okJson("{}")));
        ollama(VENDOR.baseUrl(), LlmTimeouts.DEFAULT).models();
        VENDOR.resetAll();
    }

    @Override
    protected LlmProvider provider(String baseUrl, LlmTimeouts timeouts) {
        return ollama(baseUrl, timeouts);
    }

    private static OllamaProvider ollama(String baseUrl, LlmTimeouts timeouts) {
        return new OllamaProviderFactory(TestJson.MAPPER, TestTransport.CLIENT).create(
                new ProviderConfig("ollama-test", ProviderKind.OLLAMA, baseUrl, KEY, List.of(), Map.of(), timeouts));
    }

    private OllamaProvider ollama() {
        return ollama(VENDOR.baseUrl(), TIMEOUTS);
    }

    @Override
    protected void stubChat(String text) {
        VENDOR.stubFor(post("/api/chat").willReturn(okJson("""
                {"model":"%s","created_at":"2023-12-12T14:13:43.416799Z",
                 "message":{"role":"assistant","content":"%s"},"done_reason":"stop","done":true,
                 "total_duration":5191566416,"load_duration":2154458,"prompt_eval_count":11,
                 "prompt_eval_duration":383809000,"eval_count":7,"eval_duration":4799921000}
                """.formatted(MODEL, text))));
    }

    @Override
    protected void stubStream(List<String> deltas) {
        VENDOR.stubFor(post("/api/chat").willReturn(ndjson(chatLines(deltas, "stop"))));
    }

    private static String chatLines(List<String> deltas, String doneReason) {
        StringBuilder body = new StringBuilder();
        deltas.forEach(delta -> body.append("{\"model\":\"").append(MODEL)
                .append("\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\",\"message\":{\"role\":\"assistant\",\"content\":\"")
                .append(delta).append("\"},\"done\":false}\n"));
        return body.append("{\"model\":\"").append(MODEL).append("\",\"created_at\":\"2023-08-04T19:22:45.499127Z\",")
                .append("\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"").append(doneReason)
                .append("\",\"done\":true,\"total_duration\":4883583458,\"load_duration\":1334875,")
                .append("\"prompt_eval_count\":11,\"prompt_eval_duration\":342546000,\"eval_count\":7,\"eval_duration\":4535599000}\n")
                .toString();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ndjson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson").withBody(body);
    }

    @Override
    protected void stubModels(List<String> ids) {
        String models = ids.stream().map(id -> """
                {"name":"%s","model":"%s","modified_at":"2023-11-04T14:56:49.277302595-07:00","size":7365960935,
                 "digest":"9f438cb9cd581fc025612d27f7c1a6669ff83a8bb0ed86c94fcf4c5440555697",
                 "details":{"format":"gguf","family":"llama","families":null,"parameter_size":"13B","quantization_level":"Q4_0"}}
                """.formatted(id, id)).collect(Collectors.joining(","));
        VENDOR.stubFor(get("/api/tags").willReturn(okJson("{\"models\":[" + models + "]}")));
    }

    @Override
    protected void stubError(int status) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"vendor says " + status + "\"}");
        if (status == 429) {
            response = response.withHeader("Retry-After", "7");
        }
        VENDOR.stubFor(post("/api/chat").willReturn(response));
    }

    @Override
    protected void stubSlow(Duration delay) {
        VENDOR.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay((int) delay.toMillis())));
    }

    @Override
    protected void verifyCredentialsSent() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/api/chat")).withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void chat_turns_sampling_fields_into_ollama_options_and_never_streams_by_default() {
        stubChat("ok");

        ollama().chat(new ChatRequest(MODEL, List.of(ChatMessage.user("Hi")), 0.5, 0.9, 12, List.of("END")));

        VENDOR.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"user","content":"Hi"}],"stream":false,
                 "options":{"temperature":0.5,"top_p":0.9,"num_predict":12,"stop":["END"]}}""".formatted(MODEL))));
    }

    @Test
    void top_k_is_an_ollama_option() {
        stubChat("ok");

        ollama().chat(ChatRequest.of(MODEL, List.of(ChatMessage.user("Hi"))).withTopK(20));

        VENDOR.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"user","content":"Hi"}],"stream":false,
                 "options":{"top_k":20}}""".formatted(MODEL))));
    }

    @Test
    void chat_without_sampling_fields_sends_no_options() {
        stubChat("ok");

        ollama().chat(ChatRequest.of(MODEL, List.of(ChatMessage.user("Hi"))));

        VENDOR.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson(
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":false}")));
    }

    @Test
    void stream_reports_length_when_ollama_stopped_at_the_token_limit() {
        VENDOR.stubFor(post("/api/chat").willReturn(ndjson(chatLines(List.of("cut"), "length"))));

        ChatResponse summary = ollama().stream(request(), text -> { });

        assertEquals("length", summary.finishReason());
        assertEquals("cut", summary.content());
    }

    @Test
    void an_error_line_inside_a_stream_fails_it_after_the_text_so_far() {
        VENDOR.stubFor(post("/api/chat").willReturn(ndjson(
                "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n"
                        + "{\"error\":\"model runner has unexpectedly stopped\"}\n")));
        List<String> received = new ArrayList<>();

        LlmException e = assertThrows(LlmException.class, () -> ollama().stream(request(), received::add));

        assertEquals(List.of("Hel"), received);
        assertEquals(LlmErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("model runner has unexpectedly stopped"), e.getMessage());
    }

    @Test
    void embed_posts_to_api_embed_and_reads_one_vector_per_input() {
        VENDOR.stubFor(post("/api/embed").withRequestBody(equalToJson("{\"model\":\"all-minilm\",\"input\":[\"a\",\"b\"]}"))
                .willReturn(okJson("""
                        {"model":"all-minilm","embeddings":[[0.010071029,-0.0017594862],[0.5,0.25]],
                         "total_duration":14143917,"load_duration":1019500,"prompt_eval_count":8}""")));

        EmbeddingResponse response = ollama().embed(new EmbeddingRequest("all-minilm", List.of("a", "b")));

        assertArrayEquals(new float[]{0.010071029f, -0.0017594862f}, response.vectors().get(0));
        assertArrayEquals(new float[]{0.5f, 0.25f}, response.vectors().get(1));
        assertEquals(8, response.usage().promptTokens());
    }

    @Test
    void generate_returns_every_field_ollama_reports() {
        VENDOR.stubFor(post("/api/generate")
                .withRequestBody(equalToJson("{\"model\":\"llama3.2\",\"prompt\":\"Why is the sky blue?\",\"stream\":false,\"options\":{\"seed\":42}}"))
                .willReturn(okJson("""
                        {"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","response":"Rayleigh scattering.",
                         "done":true,"done_reason":"stop","context":[1,2,3],"total_duration":5043500667,
                         "load_duration":5025959,"prompt_eval_count":26,"prompt_eval_duration":325953000,
                         "eval_count":290,"eval_duration":4709213000}""")));

        OllamaGeneration generation = ollama().generate(
                new OllamaGenerateRequest("llama3.2", "Why is the sky blue?", null, null, Map.of("seed", 42)));

        assertEquals(new OllamaGeneration("llama3.2", "2023-08-04T19:22:45.499127Z", "Rayleigh scattering.", true,
                "stop", List.of(1L, 2L, 3L), 5043500667L, 5025959L, 26L, 325953000L, 290L, 4709213000L), generation);
    }

    @Test
    void generate_streams_each_piece_then_returns_the_final_line_with_the_whole_text() {
        VENDOR.stubFor(post("/api/generate").withRequestBody(equalToJson(
                        "{\"model\":\"llama3.2\",\"prompt\":\"Hi\",\"system\":\"Be brief.\",\"context\":[7],\"stream\":true}"))
                .willReturn(ndjson("""
                        {"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","response":"The","done":false}
                        {"model":"llama3.2","created_at":"2023-08-04T08:52:19.385406455-07:00","response":" sky","done":false}
                        {"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","response":"","done":true,"done_reason":"stop","context":[1,2],"total_duration":10706818083,"load_duration":6338219291,"prompt_eval_count":26,"prompt_eval_duration":130079000,"eval_count":259,"eval_duration":4232710000}
                        """)));
        List<OllamaGeneration> received = new ArrayList<>();

        OllamaGeneration last = ollama().generate(
                new OllamaGenerateRequest("llama3.2", "Hi", "Be brief.", List.of(7L), null), received::add);

        assertEquals(List.of("The", " sky", ""), received.stream().map(OllamaGeneration::response).toList());
        assertEquals(List.of(false, false, true), received.stream().map(OllamaGeneration::done).toList());
        assertEquals("2023-08-04T08:52:19.385406455-07:00", received.get(0).createdAt());
        assertEquals(259L, received.get(2).evalCount());
        assertEquals("The sky", last.response());
        assertTrue(last.done());
        assertEquals(List.of(1L, 2L), last.context());
        assertEquals(259L, last.evalCount());
    }

    @Test
    void local_models_are_read_with_size_digest_and_details() {
        VENDOR.stubFor(get("/api/tags").willReturn(okJson("""
                {"models":[{"name":"gemma3","model":"gemma3","modified_at":"2025-10-03T23:34:03.409490317-07:00",
                 "size":3338801804,"digest":"a2af6cc3eb7fa8be8504abaf9b04e88f17a119ec3f04a3addf55f92841195f5a",
                 "details":{"format":"gguf","family":"gemma","families":["gemma"],"parameter_size":"4.3B",
                 "quantization_level":"Q4_K"}}]}""")));

        List<OllamaModel> models = ollama().localModels();

        assertEquals(List.of(new OllamaModel("gemma3", 3338801804L,
                "a2af6cc3eb7fa8be8504abaf9b04e88f17a119ec3f04a3addf55f92841195f5a",
                "2025-10-03T23:34:03.409490317-07:00",
                new OllamaModel.Details("gguf", "gemma", List.of("gemma"), "4.3B", "Q4_K"))), models);
    }

    @Test
    void pull_passes_each_progress_line_to_the_listener() {
        VENDOR.stubFor(post("/api/pull").withRequestBody(equalToJson("{\"model\":\"llama3.2\",\"stream\":true}"))
                .willReturn(ndjson("""
                        {"status":"pulling manifest"}
                        {"status":"pulling 6a0746a1ec1a","digest":"sha256:6a0746a1ec1a","total":2142590208,"completed":241970}
                        {"status":"verifying sha256 digest"}
                        {"status":"writing manifest"}
                        {"status":"success"}
                        """)));
        List<OllamaPullProgress> progress = new ArrayList<>();

        ollama().pull("llama3.2", progress::add);

        assertEquals(5, progress.size());
        assertEquals(new OllamaPullProgress("pulling 6a0746a1ec1a", "sha256:6a0746a1ec1a", 2142590208L, 241970L),
                progress.get(1));
        assertEquals("success", progress.get(4).status());
    }

    @Test
    void pull_of_an_unknown_model_is_not_found() {
        VENDOR.stubFor(post("/api/pull").willReturn(ndjson("""
                {"status":"pulling manifest"}
                {"error":"pull model manifest: file does not exist"}
                """)));

        LlmException e = assertThrows(LlmException.class, () -> ollama().pull("no-such-model", p -> { }));

        assertEquals(LlmErrorKind.NOT_FOUND, e.kind());
    }

    @Test
    void delete_sends_the_model_name_in_a_delete_body() {
        VENDOR.stubFor(delete("/api/delete").willReturn(ok()));

        ollama().delete("llama3:13b");

        VENDOR.verify(deleteRequestedFor(urlEqualTo("/api/delete")).withRequestBody(equalToJson("{\"model\":\"llama3:13b\"}")));
    }

    @Test
    void delete_of_an_unknown_model_is_not_found_with_ollamas_message() {
        VENDOR.stubFor(delete("/api/delete").willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":\"model 'ghost' not found\"}")));

        LlmException e = assertThrows(LlmException.class, () -> ollama().delete("ghost"));

        assertEquals(LlmErrorKind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("model 'ghost' not found"), e.getMessage());
    }

    /** Ollama's answer line: this message, then done_reason, done and {@link #USAGE} as Ollama counts tokens. */
    private static String answer(String message, String doneReason, boolean done) {
        return ("{\"model\":\"%s\",\"created_at\":\"2025-07-07T20:32:53.844124Z\",\"message\":%s,"
                + (done ? "\"done_reason\":\"" + doneReason + "\",\"done\":true,\"total_duration\":3244883583,"
                + "\"load_duration\":2969184542,\"prompt_eval_count\":11,\"prompt_eval_duration\":141656333,"
                + "\"eval_count\":7,\"eval_duration\":133293625}" : "\"done\":false}"))
                .formatted(MODEL, message);
    }

    /** The call as Ollama 0.12.10 and later send it: with an id, the arguments an object. */
    private static final String WEATHER_CALL_MESSAGE = """
            {"role":"assistant","content":"","tool_calls":[{"id":"%s","function":{"index":0,"name":"get_weather",\
            "arguments":{"city":"Paris"}}}]}""".formatted(CALL_ID);

    private static final String WEATHER_TOOL = """
            {"type":"function","function":{"name":"get_weather","description":"The weather in a city now",
             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""";

    @Override
    protected void stubToolCall() {
        VENDOR.stubFor(post("/api/chat").willReturn(okJson(answer(WEATHER_CALL_MESSAGE, "stop", true))));
    }

    @Override
    protected void stubToolCallStream() {
        // Ollama sends a call whole in one line, then the last line with done_reason stop
        VENDOR.stubFor(post("/api/chat").willReturn(ndjson(answer(WEATHER_CALL_MESSAGE, null, false) + "\n"
                + answer("{\"role\":\"assistant\",\"content\":\"\"}", "stop", true) + "\n")));
    }

    @Override
    protected void verifyToolOffered() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello"}],
                 "stream":false,"tools":[%s],"options":{"temperature":0.2,"num_predict":64}}"""
                .formatted(MODEL, WEATHER_TOOL))));
    }

    @Override
    protected void verifyToolResultSent() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello"},
                  {"role":"assistant","content":"","tool_calls":[{"id":"%s","function":{"name":"get_weather",
                   "arguments":{"city":"Paris"}}}]},
                  {"role":"tool","content":"%s","tool_name":"get_weather","tool_call_id":"%s"}],
                 "stream":false,"tools":[%s],"options":{"num_predict":64}}"""
                .formatted(MODEL, CALL_ID, TOOL_RESULT, CALL_ID, WEATHER_TOOL))));
    }

    @Override
    protected void stubJsonAnswer(String json) {
        String message = writeJson(Json.object("role", "assistant", "content", json));
        VENDOR.stubFor(post("/api/chat").willReturn(okJson(answer(message, "stop", true))));
    }

    private static String writeJson(Object value) {
        try {
            return TestJson.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void verifyJsonSchemaRequested() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello"}],
                 "stream":false,"format":{"type":"object","properties":{"city":{"type":"string"},
                 "celsius":{"type":"integer"}},"required":["city","celsius"],"additionalProperties":false},
                 "options":{"temperature":0.2,"num_predict":64}}""".formatted(MODEL))));
    }

    @Override
    protected void verifyImageSent() {
        VENDOR.verify(postRequestedFor(urlEqualTo("/api/chat")).withRequestBody(equalToJson("""
                {"model":"%s","messages":[{"role":"user","content":"What is in this picture?","images":["%s"]}],
                 "stream":false,"options":{"num_predict":64}}""".formatted(MODEL, PNG_BASE64))));
    }

    @Override
    protected String unsupportedParameter() {
        return "logit_bias";
    }
}
