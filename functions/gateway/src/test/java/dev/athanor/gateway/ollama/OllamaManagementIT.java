package dev.athanor.gateway.ollama;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /ollama/*} on the running gateway (its Netty server, as in the stream function) against a fake Ollama
 * speaking its native API: {@code /api/tags}, {@code /api/generate} (JSON, or NDJSON when streamed),
 * {@code /api/pull} (NDJSON progress, an unknown model reported inside the 200 stream) and {@code /api/delete}.
 */
@ExtendWith(LocalStackExtension.class)
class OllamaManagementIT {

    @RegisterExtension
    static final WireMockExtension OLLAMA = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static ApplicationContext context;
    private static String baseUrl;
    private static String admin;
    private static String member;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        context = TestFunctions.start("GatewayFunction", Map.of("ollama.base.url", OLLAMA.baseUrl()));
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        baseUrl = server.getURL().toString();
        TokenIssuer tokens = context.getBean(TokenIssuer.class);
        admin = tokens.issue(TeamId.of("ollama-team"), Roles.ADMIN).token();
        member = tokens.issue(TeamId.of("ollama-team"), Roles.MEMBER).token();
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void resetOllama() {
        OLLAMA.resetAll();
    }

    @Test
    void models_lists_each_model_with_a_human_readable_size_and_its_details() throws Exception {
        OLLAMA.stubFor(get("/api/tags").willReturn(okJson("""
                {"models":[{"name":"llama2:7b","model":"llama2:7b","modified_at":"2025-10-03T23:34:03.409490317-07:00",
                  "size":3825819519,"digest":"78e26419b4469263f75331927a00a0284ef6544c1975b826b15abdaef17bb962",
                  "details":{"parent_model":"","format":"gguf","family":"llama","families":["llama"],
                  "parameter_size":"7B","quantization_level":"Q4_0"}},
                 {"name":"all-minilm:latest","model":"all-minilm:latest","modified_at":"2025-09-01T10:00:00Z",
                  "size":45960996,"digest":"1b226e2802dbb772b5fc32a58f103ca1804ef7501331012de126ab22f67475ef",
                  "details":{"parent_model":"","format":"gguf","family":"bert","families":["bert"],
                  "parameter_size":"23M","quantization_level":"F16"}}]}""")));

        Answer answer = send("GET", "/ollama/models", member, null);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(Map.of("models", List.of(
                Map.of("name", "llama2:7b", "size", "3.8GB",
                        "digest", "78e26419b4469263f75331927a00a0284ef6544c1975b826b15abdaef17bb962",
                        "modified_at", "2025-10-03T23:34:03.409490317-07:00",
                        "details", Map.of("format", "gguf", "family", "llama", "families", List.of("llama"),
                                "parameter_size", "7B", "quantization_level", "Q4_0")),
                Map.of("name", "all-minilm:latest", "size", "46MB",
                        "digest", "1b226e2802dbb772b5fc32a58f103ca1804ef7501331012de126ab22f67475ef",
                        "modified_at", "2025-09-01T10:00:00Z",
                        "details", Map.of("format", "gguf", "family", "bert", "families", List.of("bert"),
                                "parameter_size", "23M", "quantization_level", "F16")))), answer.map());
    }

    @Test
    void generate_answers_ollamas_whole_generation_with_max_tokens_sent_as_num_predict() throws Exception {
        OLLAMA.stubFor(post("/api/generate").withRequestBody(equalToJson("""
                        {"model":"llama2:7b","prompt":"Explain quantum computing in simple terms","stream":false,
                         "options":{"temperature":0.7,"top_p":0.9,"num_predict":500}}"""))
                .willReturn(okJson("""
                        {"model":"llama2:7b","created_at":"2025-10-26T10:30:00Z",
                         "response":"Quantum computing uses qubits.","done":true,"done_reason":"stop",
                         "context":[123,456,789],"total_duration":2500000000,"load_duration":500000000,
                         "prompt_eval_count":15,"prompt_eval_duration":1000000000,"eval_count":120,
                         "eval_duration":1000000000}""")));

        Answer answer = send("POST", "/ollama/generate", member, """
                {"model":"llama2:7b","prompt":"Explain quantum computing in simple terms","stream":false,
                 "options":{"temperature":0.7,"top_p":0.9,"max_tokens":500}}""");

        assertEquals(200, answer.status(), answer.body());
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("model", "llama2:7b");
        expected.put("created_at", "2025-10-26T10:30:00Z");
        expected.put("response", "Quantum computing uses qubits.");
        expected.put("done", true);
        expected.put("done_reason", "stop");
        expected.put("context", List.of(123, 456, 789));
        expected.put("total_duration", 2500000000L);
        expected.put("load_duration", 500000000);
        expected.put("prompt_eval_count", 15);
        expected.put("prompt_eval_duration", 1000000000);
        expected.put("eval_count", 120);
        expected.put("eval_duration", 1000000000);
        assertEquals(expected, answer.map());
    }

    @Test
    void a_streamed_generation_arrives_as_ndjson_lines_piece_by_piece() throws Exception {
        OLLAMA.stubFor(post("/api/generate").withRequestBody(equalToJson("""
                        {"model":"llama2:7b","prompt":"Why is the sky blue?","stream":true}"""))
                .willReturn(ndjson("""
                        {"model":"llama2:7b","created_at":"2025-10-26T10:30:00Z","response":"The","done":false}
                        {"model":"llama2:7b","created_at":"2025-10-26T10:30:01Z","response":" sky","done":false}
                        {"model":"llama2:7b","created_at":"2025-10-26T10:30:02Z","response":"","done":true,"done_reason":"stop","context":[1,2],"total_duration":10706818083,"load_duration":6338219291,"prompt_eval_count":26,"prompt_eval_duration":130079000,"eval_count":2,"eval_duration":4232710000}
                        """)));

        Streamed answer = stream("/ollama/generate", member, """
                {"model":"llama2:7b","prompt":"Why is the sky blue?","stream":true}""");

        assertEquals(200, answer.status());
        assertTrue(answer.contentType().startsWith("application/x-ndjson"), answer.contentType());
        List<Map<String, Object>> lines = answer.lines();
        assertEquals(3, lines.size(), lines.toString());
        assertEquals(Map.of("model", "llama2:7b", "created_at", "2025-10-26T10:30:00Z", "response", "The",
                "done", false), lines.get(0));
        assertEquals(Map.of("model", "llama2:7b", "created_at", "2025-10-26T10:30:01Z", "response", " sky",
                "done", false), lines.get(1));
        assertEquals(true, lines.get(2).get("done"));
        assertEquals("stop", lines.get(2).get("done_reason"));
        assertEquals(List.of(1, 2), lines.get(2).get("context"));
        assertEquals(26, lines.get(2).get("prompt_eval_count"));
        assertEquals(2, lines.get(2).get("eval_count"));
        assertTrue(answer.deliveries() > 1, "the lines came in " + answer.deliveries() + " piece(s)");
    }

    @Test
    void a_pull_streams_ollamas_progress_line_by_line_and_ends_with_success() throws Exception {
        OLLAMA.stubFor(post("/api/pull").withRequestBody(equalToJson("{\"model\":\"llama2:7b\",\"stream\":true}"))
                .willReturn(ndjson("""
                        {"status":"pulling manifest"}
                        {"status":"pulling 8934d96d3f08","digest":"sha256:8934d96d3f08","total":3825819519,"completed":1048576}
                        {"status":"pulling 8934d96d3f08","digest":"sha256:8934d96d3f08","total":3825819519,"completed":3825819519}
                        {"status":"verifying sha256 digest"}
                        {"status":"writing manifest"}
                        {"status":"success"}
                        """)));

        Streamed answer = stream("/ollama/pull", admin, "{\"name\":\"llama2:7b\",\"stream\":true}");

        assertEquals(200, answer.status());
        assertTrue(answer.contentType().startsWith("application/x-ndjson"), answer.contentType());
        assertEquals(List.of(
                Map.of("status", "pulling manifest"),
                Map.of("status", "pulling 8934d96d3f08", "digest", "sha256:8934d96d3f08", "total", 3825819519L,
                        "completed", 1048576),
                Map.of("status", "pulling 8934d96d3f08", "digest", "sha256:8934d96d3f08", "total", 3825819519L,
                        "completed", 3825819519L),
                Map.of("status", "verifying sha256 digest"),
                Map.of("status", "writing manifest"),
                Map.of("status", "success")), answer.lines());
        assertTrue(answer.deliveries() > 1, "the lines came in " + answer.deliveries() + " piece(s)");
    }

    @Test
    void a_pull_without_streaming_answers_the_final_status() throws Exception {
        OLLAMA.stubFor(post("/api/pull").willReturn(ndjson("""
                {"status":"pulling manifest"}
                {"status":"success"}
                """)));

        Answer answer = send("POST", "/ollama/pull", admin, "{\"name\":\"llama2:7b\",\"stream\":false}");

        assertEquals(200, answer.status(), answer.body());
        assertEquals(Map.of("status", "success"), answer.map());
    }

    @Test
    void a_pull_of_an_unknown_model_ends_its_stream_with_an_error_line() throws Exception {
        OLLAMA.stubFor(post("/api/pull").willReturn(ndjson("""
                {"status":"pulling manifest"}
                {"error":"pull model manifest: file does not exist"}
                """)));

        Streamed answer = stream("/ollama/pull", admin, "{\"name\":\"no-such-model:1b\"}");

        assertEquals(200, answer.status());
        List<Map<String, Object>> lines = answer.lines();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(Map.of("status", "pulling manifest"), lines.get(0));
        String error = (String) lines.get(1).get("error");
        assertTrue(error.contains("no-such-model:1b") && error.contains("file does not exist"), error);
    }

    @Test
    void delete_removes_the_model_and_says_so() throws Exception {
        OLLAMA.stubFor(delete("/api/delete").willReturn(aResponse().withStatus(200)));

        Answer answer = send("DELETE", "/ollama/models/" + URLEncoder.encode("library/llama2:7b",
                StandardCharsets.UTF_8), admin, null);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(Map.of("deleted", true, "model", "library/llama2:7b"), answer.map());
        OLLAMA.verify(deleteRequestedFor(urlEqualTo("/api/delete"))
                .withRequestBody(equalToJson("{\"model\":\"library/llama2:7b\"}")));
    }

    @Test
    void deleting_a_model_ollama_does_not_have_is_404() throws Exception {
        OLLAMA.stubFor(delete("/api/delete").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"model 'ghost' not found\"}")));

        Answer answer = send("DELETE", "/ollama/models/ghost", admin, null);

        assertEquals(404, answer.status(), answer.body());
        String detail = (String) answer.map().get("detail");
        assertTrue(detail.contains("ghost") && detail.contains("not found"), detail);
    }

    @Test
    void only_an_admin_may_pull_or_delete() throws Exception {
        Answer pull = send("POST", "/ollama/pull", member, "{\"name\":\"llama2:7b\"}");
        Answer delete = send("DELETE", "/ollama/models/llama2:7b", member, null);

        assertEquals(403, pull.status(), pull.body());
        assertEquals(Map.of("detail", "Only a team admin may pull Ollama models"), pull.map());
        assertEquals(403, delete.status(), delete.body());
        assertEquals(Map.of("detail", "Only a team admin may delete Ollama models"), delete.map());
        assertEquals(0, OLLAMA.getAllServeEvents().size(), "nothing reached Ollama");
    }

    @Test
    void malformed_model_names_are_422_and_never_reach_ollama() throws Exception {
        for (String name : List.of("../etc/passwd", "llama 2", "llama2:7b\\u0000", "a".repeat(256), ":7b",
                "llama2::7b", "")) {
            Answer pull = send("POST", "/ollama/pull", admin, "{\"name\":\"" + name + "\"}");
            assertEquals(422, pull.status(), name + ": " + pull.body());
            assertTrue(((String) pull.map().get("detail")).startsWith("name "), pull.body());
            Answer generate = send("POST", "/ollama/generate", member, "{\"model\":\"" + name + "\"}");
            assertEquals(422, generate.status(), name + ": " + generate.body());
            assertTrue(((String) generate.map().get("detail")).startsWith("model "), generate.body());
        }
        Answer delete = send("DELETE", "/ollama/models/" + URLEncoder.encode("a..b", StandardCharsets.UTF_8), admin,
                null);
        assertEquals(422, delete.status(), delete.body());
        assertEquals(0, OLLAMA.getAllServeEvents().size(), "nothing reached Ollama");
    }

    @Test
    void bad_bodies_are_refused_naming_the_field() throws Exception {
        Answer notJson = send("POST", "/ollama/generate", member, "{\"model\":");
        Answer wrongTypes = send("POST", "/ollama/generate", member, """
                {"model":"llama2:7b","prompt":7,"stream":"yes","options":{"max_tokens":0,"temperature":"hot"}}""");

        assertEquals(400, notJson.status(), notJson.body());
        assertEquals(422, wrongTypes.status(), wrongTypes.body());
        String detail = (String) wrongTypes.map().get("detail");
        for (String field : List.of("prompt", "stream", "options.max_tokens", "options.temperature")) {
            assertTrue(detail.contains(field), detail);
        }
        Answer nullModel = send("POST", "/ollama/generate", member, "{\"model\":null,\"prompt\":null}");
        Answer nullName = send("POST", "/ollama/pull", admin, "{\"name\":null,\"stream\":null}");
        assertEquals(422, nullModel.status(), nullModel.body());
        assertEquals(Map.of("detail", "model is required"), nullModel.map());
        assertEquals(422, nullName.status(), nullName.body());
        assertEquals(Map.of("detail", "name is required"), nullName.map());
        assertEquals(0, OLLAMA.getAllServeEvents().size(), "nothing reached Ollama");
    }

    @Test
    void the_routes_need_a_credential() throws Exception {
        assertEquals(401, send("GET", "/ollama/models", null, null).status());
    }

    private static ResponseDefinitionBuilder ndjson(String lines) {
        // Ollama's lines reach the gateway in several reads, as a real download's progress does
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson").withBody(lines)
                .withChunkedDribbleDelay(lines.split("\n").length, 300);
    }

    record Answer(int status, String body) {

        Map<String, Object> map() throws IOException {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.readValue(body, Map.class);
            return map;
        }
    }

    record Streamed(int status, String contentType, String body, int deliveries) {

        List<Map<String, Object>> lines() throws IOException {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> parsed = json.readValue(line, Map.class);
                    lines.add(parsed);
                }
            }
            return lines;
        }
    }

    private static Answer send(String method, String path, String token, String body) throws Exception {
        HttpResponse<String> response = CLIENT.send(request(method, path, token, body),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** The answer with how many separate pieces its body arrived in. */
    private static Streamed stream(String path, String token, String body) throws Exception {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = CLIENT.send(request("POST", path, token, body),
                HttpResponse.BodyHandlers.ofPublisher());
        StringBuilder text = new StringBuilder();
        int[] deliveries = {0};
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        response.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                deliveries[0]++;
                for (ByteBuffer buffer : buffers) {
                    text.append(StandardCharsets.UTF_8.decode(buffer));
                }
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(30, java.util.concurrent.TimeUnit.SECONDS);
        return new Streamed(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                text.toString(), deliveries[0]);
    }

    private static HttpRequest request(String method, String path, String token, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
