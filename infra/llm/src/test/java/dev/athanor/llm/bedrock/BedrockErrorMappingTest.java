package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bedrock's error types beyond the plain statuses of the contract, transport failures, and no SDK retries. */
class BedrockErrorMappingTest extends BedrockFakeTest {

    private static final ChatRequest REQUEST = ChatRequest.of("m1", List.of(ChatMessage.user("Hello")));

    private static LlmProvider provider(String baseUrl) {
        return provider(baseUrl, TIMEOUTS, List.of(), Map.of());
    }

    private static List<LlmException> chatAndStreamFailures(LlmProvider provider) {
        return List.of(assertThrows(LlmException.class, () -> provider.chat(REQUEST)),
                assertThrows(LlmException.class, () -> provider.stream(REQUEST, text -> { })));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "408, ModelTimeoutException, TIMEOUT",
            "429, ModelNotReadyException, UNAVAILABLE",
            "424, ModelErrorException, UNAVAILABLE",
            "400, ServiceQuotaExceededException, RATE_LIMITED",
            "403, UnrecognizedClientException, AUTHENTICATION",
            "403, InvalidSignatureException, AUTHENTICATION",
            "403, ExpiredTokenException, AUTHENTICATION",
            "409, ConflictException, INVALID_REQUEST",
            "400, ValidationException, INVALID_REQUEST"})
    void bedrock_error_types_map_to_their_kind_whatever_the_status(int status, String type, LlmErrorKind kind) {
        BEDROCK.stubFor(post(urlPathMatching("/model/m1/converse(-stream)?"))
                .willReturn(BedrockWire.error(status, type, "Refused by Bedrock")));

        for (LlmException e : chatAndStreamFailures(provider(BEDROCK.baseUrl()))) {
            assertEquals(kind, e.kind(), e.getMessage());
            assertEquals(status, e.upstreamStatus());
            assertTrue(e.getMessage().contains(type) && e.getMessage().contains("Refused by Bedrock"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"502, UNAVAILABLE", "504, UNAVAILABLE", "429, RATE_LIMITED", "401, AUTHENTICATION", "418, INVALID_REQUEST"})
    void an_answer_without_a_bedrock_error_type_maps_by_its_status(int status, LlmErrorKind kind) {
        BEDROCK.stubFor(post(urlPathMatching("/model/m1/converse(-stream)?"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Bad gateway</body></html>")));

        for (LlmException e : chatAndStreamFailures(provider(BEDROCK.baseUrl()))) {
            assertEquals(kind, e.kind(), e.getMessage());
        }
    }

    @Test
    void a_throttled_call_without_retry_after_has_no_wait() {
        BEDROCK.stubFor(post(urlPathMatching("/model/m1/converse(-stream)?")).willReturn(aResponse().withStatus(429)
                .withHeader("x-amzn-ErrorType", "ThrottlingException")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Too many requests, please wait before trying again.\"}")));

        for (LlmException e : chatAndStreamFailures(provider(BEDROCK.baseUrl()))) {
            assertEquals(LlmErrorKind.RATE_LIMITED, e.kind());
            assertTrue(e.retryAfter().isEmpty());
        }
    }

    @Test
    void the_sdk_does_not_retry_because_the_router_does() {
        BEDROCK.stubFor(post(urlPathMatching("/model/m1/converse(-stream)?"))
                .willReturn(BedrockWire.error(503, "ServiceUnavailableException", "Try later")));

        chatAndStreamFailures(provider(BEDROCK.baseUrl()));

        BEDROCK.verify(1, postRequestedFor(urlPathEqualTo("/model/m1/converse")));
        BEDROCK.verify(1, postRequestedFor(urlPathEqualTo("/model/m1/converse-stream")));
    }

    @Test
    void error_messages_carry_the_vendor_text_and_never_the_secret_key() {
        BEDROCK.stubFor(post(urlPathMatching("/model/m1/converse(-stream)?"))
                .willReturn(BedrockWire.error(403, "AccessDeniedException",
                        "You don't have access to the model with the specified model ID.")));

        for (LlmException e : chatAndStreamFailures(provider(BEDROCK.baseUrl()))) {
            assertTrue(e.getMessage().contains("You don't have access to the model"), e.getMessage());
            assertFalse(e.getMessage().contains(BedrockWire.SECRET_KEY), e.getMessage());
        }
    }

    @Test
    void a_refused_connection_is_unavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        for (LlmException e : chatAndStreamFailures(provider("http://127.0.0.1:" + closedPort))) {
            assertEquals(LlmErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
            assertEquals(0, e.upstreamStatus());
        }
    }
}
