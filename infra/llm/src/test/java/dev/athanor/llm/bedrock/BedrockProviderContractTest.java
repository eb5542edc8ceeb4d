package dev.athanor.llm.bedrock;

import dev.athanor.llm.ProviderContractTest;
import dev.athanor.llm.http.TestJson;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** The bedrock provider against a fake of Bedrock runtime speaking its JSON and event-stream wire format. */
class BedrockProviderContractTest extends ProviderContractTest {

    static {
        BedrockWire.useTestCredentials();
    }

    private static final BedrockProviderFactory FACTORY = new BedrockProviderFactory(TestJson.MAPPER);

    /** Bedrock's runtime has no model list: the provider serves what it is declared with. */
    private final List<String> declaredModels = new ArrayList<>();

    @BeforeAll
    static void loadTheSdkOnce() {
        BedrockWire.warmUp(FACTORY, VENDOR);
    }

    @AfterAll
    static void closeClients() {
        FACTORY.close();
    }

    @Override
    protected LlmProvider provider(String baseUrl, LlmTimeouts timeouts) {
        return FACTORY.create(new ProviderConfig("bedrock-contract", ProviderKind.BEDROCK, baseUrl, null,
                declaredModels, Map.of("region", "us-east-1"), timeouts));
    }

    @Override
    protected void stubChat(String text) {
        VENDOR.stubFor(post(urlPathEqualTo("/model/" + MODEL + "/converse"))
                .willReturn(BedrockWire.converseResponse(text, "end_turn",
                        USAGE.promptTokens(), USAGE.completionTokens())));
    }

    @Override
    protected void stubStream(List<String> deltas) {
        VENDOR.stubFor(post(urlPathEqualTo("/model/" + MODEL + "/converse-stream"))
                .willReturn(BedrockWire.streamResponse(BedrockWire.streamEvents(deltas, "end_turn",
                        USAGE.promptTokens(), USAGE.completionTokens()))));
    }

    @Override
    protected void stubModels(List<String> ids) {
        declaredModels.addAll(ids);
        // the health probe: one page of async invocations, the cheapest signed read of the runtime API
        VENDOR.stubFor(get(urlPathEqualTo("/async-invoke")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"asyncInvokeSummaries\":[]}")));
    }

    @Override
    protected void stubError(int status) {
        VENDOR.stubFor(post(urlPathMatching("/model/[^/]+/converse(-stream)?"))
                .willReturn(BedrockWire.error(status, BedrockWire.errorTypeFor(status), "Bedrock says no (" + status + ")")));
    }

    @Override
    protected void stubSlow(Duration delay) {
        VENDOR.stubFor(post(urlPathEqualTo("/model/" + MODEL + "/converse"))
                .willReturn(BedrockWire.converseResponse("late", "end_turn", 1, 1)
                        .withFixedDelay((int) delay.toMillis())));
        VENDOR.stubFor(post(urlPathEqualTo("/model/" + MODEL + "/converse-stream"))
                .willReturn(BedrockWire.streamResponse(BedrockWire.streamEvents(List.of("late"), "end_turn", 1, 1))
                        .withFixedDelay((int) delay.toMillis())));
    }

    @Override
    protected void verifyCredentialsSent() {
        VENDOR.verify(postRequestedFor(urlPathEqualTo("/model/" + MODEL + "/converse"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=" + BedrockWire.ACCESS_KEY_ID
                        + "/\\d{8}/us-east-1/bedrock/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}"))
                .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z")));
    }

    @Override
    protected void stubToolCall() {
        VENDOR.stubFor(post(urlPathEqualTo("/model/" + MODEL + "/converse"))
                .willReturn(BedrockWire.toolUseResponse(CALL_ID, WEATHER.name(), ARGUMENTS, "tool_use",
                        USAGE.promptTokens(), USAGE.completionTokens())));
    }

    @Override
    protected void stubToolCallStream() {
        VENDOR.stubFor(post(urlPathEqualTo("/model/" + MODEL + "/converse-stream"))
                .willReturn(BedrockWire.streamResponse(BedrockWire.stream()
                        .toolUse(CALL_ID, WEATHER.name(), "{\"city\":", "\"Paris\"}")
                        .end("tool_use", USAGE.promptTokens(), USAGE.completionTokens()))));
    }

    @Override
    protected void verifyToolOffered() {
        VENDOR.verify(postRequestedFor(urlPathEqualTo("/model/" + MODEL + "/converse"))
                .withRequestBody(matchingJsonPath("$.toolConfig", equalToJson("""
                        {"tools":[{"toolSpec":{"name":"get_weather","description":"The weather in a city now",
                                   "inputSchema":{"json":{"type":"object",
                                                          "properties":{"city":{"type":"string"}},
                                                          "required":["city"]}}}}],
                         "toolChoice":{"auto":{}}}"""))));
    }

    @Override
    protected void verifyToolResultSent() {
        VENDOR.verify(postRequestedFor(urlPathEqualTo("/model/" + MODEL + "/converse"))
                .withRequestBody(matchingJsonPath("$.messages", equalToJson("""
                        [{"role":"user","content":[{"text":"Say hello"}]},
                         {"role":"assistant","content":[{"toolUse":{"toolUseId":"call_0001","name":"get_weather",
                                                                    "input":{"city":"Paris"}}}]},
                         {"role":"user","content":[{"toolResult":{"toolUseId":"call_0001",
                                                                  "content":[{"text":"sunny, 21 C"}]}}]}]"""))));
    }

    @Override
    protected void stubJsonAnswer(String json) {
        VENDOR.stubFor(post(urlPathEqualTo("/model/" + MODEL + "/converse"))
                .willReturn(BedrockWire.toolUseResponse("tooluse_json01", WEATHER_REPORT.name(), json, "tool_use",
                        USAGE.promptTokens(), USAGE.completionTokens())));
    }

    @Override
    protected void verifyJsonSchemaRequested() {
        VENDOR.verify(postRequestedFor(urlPathEqualTo("/model/" + MODEL + "/converse"))
                .withRequestBody(matchingJsonPath("$.toolConfig", equalToJson("""
                        {"tools":[{"toolSpec":{"name":"weather_report",
                                   "description":"Give the answer as this tool's input.",
                                   "inputSchema":{"json":{"type":"object",
                                       "properties":{"city":{"type":"string"},"celsius":{"type":"integer"}},
                                       "required":["city","celsius"],"additionalProperties":false}}}}],
                         "toolChoice":{"tool":{"name":"weather_report"}}}"""))));
    }

    @Override
    protected void verifyImageSent() {
        VENDOR.verify(postRequestedFor(urlPathEqualTo("/model/" + MODEL + "/converse"))
                .withRequestBody(matchingJsonPath("$.messages", equalToJson("""
                        [{"role":"user","content":[{"text":"What is in this picture?"},
                                                   {"image":{"format":"png","source":{"bytes":"%s"}}}]}]"""
                        .formatted(PNG_BASE64)))));
    }

    @Override
    protected String unsupportedParameter() {
        return "seed";
    }
}
