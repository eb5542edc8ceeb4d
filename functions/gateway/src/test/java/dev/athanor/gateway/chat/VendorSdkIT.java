package dev.athanor.gateway.chat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.llm.bedrock.BedrockWire;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official OpenAI Java SDK against the running gateway, once for each provider kind behind it: OpenAI-compatible,
 * Anthropic, Ollama and Bedrock (each a WireMock fake speaking its vendor's documented wire format,
 * {@link VendorFakes}), and the offline sandbox. Each kind holds a function-calling round trip, plain and streamed,
 * a structured output parsed by the SDK's own JSON-schema helper, an image message, and embeddings where the vendor
 * has them. The official JS SDK then holds the same conversations ({@link NodeSdk}).
 */
@ExtendWith(LocalStackExtension.class)
class VendorSdkIT {

    static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    @RegisterExtension
    static final WireMockExtension OPENAI = vendor();
    @RegisterExtension
    static final WireMockExtension ANTHROPIC = vendor();
    @RegisterExtension
    static final WireMockExtension OLLAMA = vendor();
    @RegisterExtension
    static final WireMockExtension BEDROCK = vendor();

    private static ApplicationContext vendors;
    private static ApplicationContext sandbox;
    private static final Map<String, OpenAIClient> CLIENTS = new HashMap<>();
    private static String vendorsUrl;
    private static String vendorsToken;

    /**
     * One provider kind behind the gateway: the model ids to ask for, and the size of vectors it embeds in (0 for
     * none: Anthropic has no embeddings).
     */
    record Kind(String name, String chatModel, String embeddingModel, int dimensions, WireMockExtension vendor,
                String callIdPrefix) {

        @Override
        public String toString() {
            return name;
        }

        boolean fake() {
            return vendor != null;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("openai", "gpt-4o-mini", "text-embedding-3-small", 64, OPENAI, "call_"),
                new Kind("anthropic", "claude-sonnet-4-5", null, 0, ANTHROPIC, "toolu_"),
                new Kind("ollama", "llama3.2", "nomic-embed-text", 64, OLLAMA, "call_"),
                new Kind("bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0", "amazon.titan-embed-text-v2:0", 256,
                        BEDROCK, "tooluse_"),
                new Kind("sandbox", "sandbox", "sandbox", 64, null, "call_"));
    }

    private static WireMockExtension vendor() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).resetOnEachTest(false).build();
    }

    @BeforeAll
    static void start() {
        BedrockWire.useTestCredentials();
        VendorFakes.openAi(OPENAI, 64);
        VendorFakes.anthropic(ANTHROPIC);
        VendorFakes.ollama(OLLAMA, 64);
        VendorFakes.bedrock(BEDROCK, 256);
        Map<String, Object> properties = new HashMap<>();
        properties.put("openai.api.key", "sk-upstream-openai");
        properties.put("openai.base.url", OPENAI.baseUrl() + "/v1");
        properties.put("openai.models", "gpt-4o-mini,text-embedding-3-small");
        properties.put("anthropic.api.key", "sk-ant-upstream");
        properties.put("anthropic.base.url", ANTHROPIC.baseUrl());
        properties.put("anthropic.models", "claude-sonnet-4-5");
        properties.put("ollama.base.url", OLLAMA.baseUrl());
        properties.put("ollama.models", "llama3.2,nomic-embed-text");
        // the tests' configuration keeps Bedrock off; here it is on, and its SDK finds the test credentials
        properties.put("athanor.llm.bedrock.enabled", true);
        properties.put("aws.access.key.id", BedrockWire.ACCESS_KEY_ID);
        properties.put("bedrock.region", "us-east-1");
        properties.put("bedrock.base.url", BEDROCK.baseUrl());
        properties.put("bedrock.models", "anthropic.claude-3-5-haiku-20241022-v1:0,amazon.titan-embed-text-v2:0");
        vendors = TestFunctions.start("GatewayFunction", properties);
        sandbox = TestFunctions.start("GatewayFunction", Map.of());
        vendorsUrl = baseUrl(vendors);
        vendorsToken = token(vendors);
        OpenAIClient viaVendors = client(vendors);
        OpenAIClient viaSandbox = client(sandbox);
        kinds().forEach(kind -> CLIENTS.put(kind.name(), kind.fake() ? viaVendors : viaSandbox));
    }

    private static OpenAIClient client(ApplicationContext context) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl(context)).apiKey(token(context)).maxRetries(0).build();
    }

    private static String baseUrl(ApplicationContext context) {
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        return "http://localhost:" + server.getPort() + "/v1";
    }

    private static String token(ApplicationContext context) {
        return context.getBean(TokenIssuer.class).issue(TeamId.of("sdk-kinds"), Roles.MEMBER).token();
    }

    @AfterAll
    static void stop() {
        vendors.close();
        sandbox.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** The SDK's view of get_weather's arguments. */
    public static final class Weather {
        public String city;
    }

    /** The structured answer the SDK derives a JSON schema from and parses into. */
    public static final class WeatherReport {
        public String city;
        public int celsius;
    }

    private static ChatCompletionCreateParams.Builder askForWeather(Kind kind) {
        FunctionParameters parameters = FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                .build();
        return ChatCompletionCreateParams.builder().model(kind.chatModel())
                .addUserMessage("What is the weather in Paris?")
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                        .name("get_weather").description("The weather in a city now").parameters(parameters).build())
                        .build());
    }

    /** The second turn: the assistant's call as it came, and the tool's answer to it. */
    private static ChatCompletionCreateParams answerTheCall(Kind kind, ChatCompletionMessage assistant,
                                                           ChatCompletionMessageFunctionToolCall call) {
        return askForWeather(kind).addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("sunny, 21 C").build())
                .build();
    }

    private static ChatCompletionMessageFunctionToolCall theCall(Kind kind, ChatCompletion completion) {
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason(), kind.name());
        List<?> calls = choice.message().toolCalls().orElseThrow();
        assertEquals(1, calls.size());
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        Weather arguments = call.function().arguments(Weather.class);
        assertEquals(kind.fake() ? "Paris" : null, kind.fake() ? arguments.city : null, "the arguments as sent");
        assertTrue(arguments.city != null && !arguments.city.isEmpty(), call.function().arguments());
        assertTrue(!call.id().isEmpty(), "the call has an id");
        return call;
    }

    private static void assertFinalAnswer(Kind kind, ChatCompletion answer) {
        ChatCompletion.Choice choice = answer.choices().get(0);
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, choice.finishReason(), kind.name());
        String content = choice.message().content().orElseThrow();
        if (kind.fake()) {
            assertEquals(VendorFakes.FINAL, content);
        } else {
            assertTrue(content.startsWith("[sandbox] 6 words"), content);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void a_function_calling_round_trip(Kind kind) {
        OpenAIClient client = CLIENTS.get(kind.name());

        ChatCompletion first = client.chat().completions().create(askForWeather(kind).build());
        ChatCompletionMessageFunctionToolCall call = theCall(kind, first);
        ChatCompletion answer = client.chat().completions()
                .create(answerTheCall(kind, first.choices().get(0).message(), call));

        assertFinalAnswer(kind, answer);
        assertTrue(answer.usage().orElseThrow().totalTokens() > 0);
        if (kind.fake()) {
            kind.vendor().verify(postRequestedFor(urlPathMatching(".*")).withRequestBody(containing(call.id()))
                    .withRequestBody(containing("sunny, 21 C")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void the_same_round_trip_streamed(Kind kind) {
        OpenAIClient client = CLIENTS.get(kind.name());
        ChatCompletionStreamOptions usage = ChatCompletionStreamOptions.builder().includeUsage(true).build();

        ChatCompletion first = streamed(client, askForWeather(kind).streamOptions(usage).build());
        ChatCompletionMessageFunctionToolCall call = theCall(kind, first);
        ChatCompletion answer = streamed(client, answerTheCall(kind, first.choices().get(0).message(), call)
                .toBuilder().streamOptions(usage).build());

        assertFinalAnswer(kind, answer);
        assertTrue(answer.usage().orElseThrow().totalTokens() > 0, "the usage chunk came");
    }

    private static ChatCompletion streamed(OpenAIClient client, ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void a_structured_output_parsed_by_the_sdks_json_schema_helper(Kind kind) {
        WeatherReport report = CLIENTS.get(kind.name()).chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(kind.chatModel()).addUserMessage("Give me the weather report for Paris.")
                        .responseFormat(WeatherReport.class).build())
                .choices().get(0).message().content().orElseThrow();

        if (kind.fake()) {
            assertEquals("Paris", report.city);
            assertEquals(21, report.celsius);
        } else {
            assertTrue(report.city.startsWith("[sandbox] city fnv "), report.city);
            assertEquals(1, report.celsius);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void an_image_message(Kind kind) {
        ChatCompletion answer = CLIENTS.get(kind.name()).chat().completions().create(ChatCompletionCreateParams.builder()
                .model(kind.chatModel())
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                .text("What is in this picture?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("data:image/png;base64," + PNG).build()).build())))
                .build());

        String content = answer.choices().get(0).message().content().orElseThrow();
        if (!kind.fake()) {
            assertTrue(content.startsWith("[sandbox] 5 words"), content);
            return;
        }
        assertEquals(VendorFakes.DESCRIPTION, content);
        String inVendorsForm = switch (kind.name()) {
            case "openai" -> "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + PNG + "\"}}";
            case "anthropic" -> "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                    + "\"data\":\"" + PNG + "\"}}";
            case "ollama" -> "\"images\":[\"" + PNG + "\"]";
            default -> "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"" + PNG + "\"}}}";
        };
        kind.vendor().verify(postRequestedFor(urlPathMatching(".*")).withRequestBody(containing(inVendorsForm)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void embeddings_of_the_asked_dimension(Kind kind) {
        if (kind.embeddingModel() == null) {
            return; // Anthropic offers no embeddings: ProviderContract's refusal covers it
        }
        CreateEmbeddingResponse response = CLIENTS.get(kind.name()).embeddings().create(EmbeddingCreateParams.builder()
                .model(kind.embeddingModel()).inputOfArrayOfStrings(List.of("first text", "second text"))
                .dimensions(kind.dimensions()).build());

        assertEquals(2, response.data().size());
        assertEquals(kind.dimensions(), response.data().get(0).embedding().size());
        assertEquals(kind.dimensions(), response.data().get(1).embedding().size());
        assertEquals(1, response.data().get(1).index());
        assertTrue(response.usage().promptTokens() > 0);
    }

    /** The official JS SDK (openai@6 on node) runs the same conversations against the vendors' fakes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void the_js_sdk_holds_the_same_conversations(Kind kind) throws Exception {
        if (!kind.fake()) {
            return; // OpenAiJsSdkIT runs it against the sandbox, with the sandbox's own predictable answers
        }
        Map<String, String> environment = new HashMap<>(Map.of("CHAT_MODEL", kind.chatModel()));
        if (kind.embeddingModel() != null) {
            environment.put("EMBEDDING_MODEL", kind.embeddingModel());
            environment.put("EMBEDDING_DIMENSIONS", Integer.toString(kind.dimensions()));
        }

        JsonNode report = new NodeSdk(vendors.getBean(JsonMapper.class)).run(vendorsUrl, vendorsToken, environment);

        JsSdkScenarios.assertScenarios(report, new JsSdkScenarios.Expected(kind.chatModel(), kind.callIdPrefix(), "",
                kind.embeddingModel() == null ? null : kind.dimensions()));
        assertEquals(VendorFakes.FINAL, report.get("function_calling").get("final").get("content").getStringValue());
        assertEquals(VendorFakes.DESCRIPTION, report.get("image_message").get("content").getStringValue());
        assertEquals(21, report.get("structured_output").get("parsed").get("celsius").getIntValue());
    }
}
