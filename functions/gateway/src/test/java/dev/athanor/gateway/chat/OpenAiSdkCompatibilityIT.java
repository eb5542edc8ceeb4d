package dev.athanor.gateway.chat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.validator.TokenValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official OpenAI Java SDK, pointed at a running gateway (Netty, as served locally and behind the Lambda Web
 * Adapter), works unchanged: completions, streamed completions, the model list and its typed errors. Upstream is a
 * WireMock fake of the OpenAI API.
 */
@ExtendWith(LocalStackExtension.class)
class OpenAiSdkCompatibilityIT {

    @RegisterExtension
    static final WireMockExtension UPSTREAM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static ApplicationContext context;
    private static String baseUrl;
    private static OpenAIClient client;

    @BeforeAll
    static void startGateway() {
        context = TestFunctions.start("GatewayFunction", Map.of(
                "openai.api.key", "sk-upstream-secret",
                "openai.base.url", UPSTREAM.baseUrl() + "/v1",
                "athanor.llm.router.initial-backoff", "5ms",
                "athanor.llm.router.failure-threshold", "1000"));
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        baseUrl = "http://localhost:" + server.getPort() + "/v1";
        String token = context.getBean(TokenIssuer.class).issue(TeamId.of("sdk-team"), Roles.MEMBER).token();
        client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(token).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void upstreamServesOneModel() {
        UPSTREAM.resetAll();
        UPSTREAM.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"object":"list","data":[
                          {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
                          {"id":"gpt-broken","object":"model","created":1721172741,"owned_by":"system"}]}""")));
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello").build();
    }

    @Test
    void a_chat_completion_comes_back_as_the_sdk_expects() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"chatcmpl-up","object":"chat.completion","created":1721172741,"model":"gpt-4o-mini",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from upstream"},
                                     "finish_reason":"stop"}],
                         "usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}""")));

        ChatCompletion completion = client.chat().completions().create(params("gpt-4o-mini"));

        assertEquals("Hello from upstream", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals(13, completion.usage().orElseThrow().totalTokens());
        assertTrue(completion.id().startsWith("chatcmpl-"));
        UPSTREAM.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer sk-upstream-secret"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
    }

    @Test
    void a_streamed_completion_arrives_chunk_by_chunk_with_usage_at_the_end() {
        StringBuilder sse = new StringBuilder();
        String[] words = {"Once", " upon", " a", " time", " there", " was", " a", " gateway."};
        for (String word : words) {
            sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",")
                    .append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(word)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",")
                .append("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")
                .append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",")
                .append("\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":8,\"total_tokens\":13}}\n\n")
                .append("data: [DONE]\n\n");
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody(sse.toString()).withChunkedDribbleDelay(8, 4000)));
        ChatCompletionCreateParams streaming = params("gpt-4o-mini").toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        List<Long> arrivals = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streaming)) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(piece -> {
                    if (!piece.isEmpty()) {
                        arrivals.add(System.nanoTime());
                        text.append(piece);
                    }
                }));
            });
        }

        assertEquals("Once upon a time there was a gateway.", text.toString());
        long spreadMs = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1_000_000;
        assertTrue(spreadMs > 1500, "pieces are forwarded as they arrive, not buffered: spread " + spreadMs + " ms");
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty(), "the usage chunk has no choices");
        assertEquals(13, last.usage().orElseThrow().totalTokens());
        assertTrue(chunks.stream().anyMatch(chunk -> chunk.choices().stream()
                .anyMatch(choice -> choice.finishReason().isPresent())), "a chunk carries the finish reason");
    }

    @Test
    void the_model_list_shows_what_the_configured_providers_serve() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();

        assertEquals(List.of("gpt-4o-mini", "gpt-broken"), ids);
    }

    @Test
    void the_sdk_retrieves_one_model_and_gets_its_not_found_error_for_one_the_team_cannot_call() {
        Model model = client.models().retrieve("gpt-4o-mini");

        assertEquals("gpt-4o-mini", model.id());
        assertEquals("openai", model.ownedBy());
        NotFoundException e = assertThrows(NotFoundException.class, () -> client.models().retrieve("no-such-model"));
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
        // a vendor's model name with a slash is one id, not a path the route does not know
        NotFoundException slashed = assertThrows(NotFoundException.class,
                () -> client.models().retrieve("meta-llama/Llama-3.1-8B-Instruct"));
        assertTrue(slashed.getMessage().contains("'meta-llama/Llama-3.1-8B-Instruct'"), slashed.getMessage());
    }

    @Test
    void a_missing_or_wrong_token_is_the_sdks_unauthorized_error() {
        OpenAIClient stranger = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("not-a-token").maxRetries(0)
                .build();

        assertThrows(UnauthorizedException.class, () -> stranger.chat().completions().create(params("gpt-4o-mini")));
    }

    @Test
    void an_unknown_model_is_the_sdks_not_found_error_naming_the_available_models() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.chat().completions().create(params("gpt-nonexistent")));

        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("gpt-4o-mini"), e.getMessage());
    }

    @Test
    void an_upstream_failure_is_the_sdks_server_error_with_status_502() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-broken")))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"The engine is currently overloaded\",\"type\":\"server_error\"}}")));

        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(params("gpt-broken")));

        assertEquals(502, e.statusCode());
        UPSTREAM.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void a_stream_that_fails_before_its_first_piece_is_the_sdks_server_error_with_status_502() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-broken")))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"The engine is currently overloaded\"}}")));

        InternalServerException e = assertThrows(InternalServerException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream =
                         client.chat().completions().createStreaming(params("gpt-broken"))) {
                stream.stream().forEach(chunk -> { });
            }
        });

        assertEquals(502, e.statusCode(), "the status says so, not an error inside a 200 stream");
        assertTrue(e.getMessage().contains("overloaded"), e.getMessage());
    }

    @Test
    void a_stream_that_breaks_after_its_first_piece_ends_with_an_error_event_that_the_sdk_raises() {
        UPSTREAM.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
                        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini",\
                        "choices":[{"index":0,"delta":{"content":"Once"},"finish_reason":null}]}

                        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content

                        """)));
        StringBuilder text = new StringBuilder();

        SseException e = assertThrows(SseException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream =
                         client.chat().completions().createStreaming(params("gpt-4o-mini"))) {
                stream.stream().forEach(chunk -> chunk.choices()
                        .forEach(choice -> choice.delta().content().ifPresent(text::append)));
            }
        });

        assertEquals("Once", text.toString(), "what arrived before the break is kept");
        assertEquals(200, e.statusCode(), "the response had started");
        assertTrue(e.body().toString().contains("upstream_error"), e.body().toString());
        UPSTREAM.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void bearer_tokens_are_checked_by_the_one_jwt_validator_that_remembers_them_and_keys_by_the_key_validator() {
        var validators = context.getBeansOfType(TokenValidator.class);

        assertEquals(java.util.Set.of("CachedTokenValidator", "ApiKeyTokenValidator"),
                validators.stream().map(v -> v.getClass().getSimpleName()).collect(java.util.stream.Collectors.toSet()),
                validators.toString());
    }
}
