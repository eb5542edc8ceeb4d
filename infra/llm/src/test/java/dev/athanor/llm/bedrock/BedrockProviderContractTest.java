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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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

    // the mapping of tools, JSON answers and images is not written yet for this vendor
    @Override
    protected void stubToolCall() {
        throw new UnsupportedOperationException("not mapped yet");
    }

    @Override
    protected void stubToolCallStream() {
        throw new UnsupportedOperationException("not mapped yet");
    }

    @Override
    protected void verifyToolOffered() {
        throw new UnsupportedOperationException("not mapped yet");
    }

    @Override
    protected void verifyToolResultSent() {
        throw new UnsupportedOperationException("not mapped yet");
    }

    @Override
    protected void stubJsonAnswer(String json) {
        throw new UnsupportedOperationException("not mapped yet");
    }

    @Override
    protected void verifyJsonSchemaRequested() {
        throw new UnsupportedOperationException("not mapped yet");
    }

    @Override
    protected void verifyImageSent() {
        throw new UnsupportedOperationException("not mapped yet");
    }

    @Override
    protected String unsupportedParameter() {
        throw new UnsupportedOperationException("not mapped yet");
    }
}
