package dev.athanor.llm.bedrock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Bedrock runtime's wire format, as the service sends it: JSON for Converse and errors (type in x-amzn-ErrorType,
 * text in "message"), and binary event-stream frames (application/vnd.amazon.eventstream) for ConverseStream.
 * Public for the gateway's tests of whole conversations through the SDKs (this module's test jar).
 */
public final class BedrockWire {

    public static final String ACCESS_KEY_ID = "AKIDBEDROCKTEST";
    public static final String SECRET_KEY = "bedrock-test-secret-key-never-shown";

    private BedrockWire() {
    }

    /** Credentials for the SDK's default chain, which reads system properties first. */
    public static void useTestCredentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    /**
     * The first call in a JVM loads most of the SDK and Netty, which takes seconds on a busy machine, longer than the
     * sub-second deadlines the tests use; one untimed call of each kind first lets those deadlines measure the calls.
     */
    static void warmUp(BedrockProviderFactory factory, WireMockExtension vendor) {
        LlmProvider warm = factory.create(new ProviderConfig("bedrock-warm-up", ProviderKind.BEDROCK,
                vendor.baseUrl(), null, List.of(), Map.of(), LlmTimeouts.DEFAULT));
        vendor.stubFor(post(urlPathEqualTo("/model/warm-up/converse"))
                .willReturn(converseResponse("ok", "end_turn", 1, 1)));
        vendor.stubFor(post(urlPathEqualTo("/model/warm-up/converse-stream"))
                .willReturn(streamResponse(streamEvents(List.of("ok"), "end_turn", 1, 1))));
        ChatRequest hello = ChatRequest.of("warm-up", List.of(ChatMessage.user("hi")));
        warm.chat(hello);
        warm.stream(hello, text -> { });
        vendor.resetAll();
    }

    static String converseBody(String text, String stopReason, int inputTokens, int outputTokens) {
        return """
                {"output":{"message":{"role":"assistant","content":[{"text":%s}]}},
                 "stopReason":"%s",
                 "usage":{"inputTokens":%d,"outputTokens":%d,"totalTokens":%d},
                 "metrics":{"latencyMs":321}}"""
                .formatted(quote(text), stopReason, inputTokens, outputTokens, inputTokens + outputTokens);
    }

    public static ResponseDefinitionBuilder converseResponse(String text, String stopReason, int in, int out) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "7c1b5f1e-0000-4000-8000-000000000001")
                .withBody(converseBody(text, stopReason, in, out));
    }

    /** A Converse answer whose one content block is a call of this tool with this input (a JSON object). */
    public static ResponseDefinitionBuilder toolUseResponse(String toolUseId, String name, String inputJson,
                                                     String stopReason, int inputTokens, int outputTokens) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "7c1b5f1e-0000-4000-8000-000000000004")
                .withBody("""
                        {"output":{"message":{"role":"assistant","content":[
                            {"toolUse":{"toolUseId":%s,"name":%s,"input":%s}}]}},
                         "stopReason":"%s",
                         "usage":{"inputTokens":%d,"outputTokens":%d,"totalTokens":%d},
                         "metrics":{"latencyMs":321}}"""
                        .formatted(quote(toolUseId), quote(name), inputJson, stopReason, inputTokens, outputTokens,
                                inputTokens + outputTokens));
    }

    /**
     * A ConverseStream answer built block by block, as the service sends one: messageStart; per block a
     * contentBlockStart (only tool-use blocks have one, carrying the call's id and name), contentBlockDelta events
     * (text, or a fragment of the tool's input as a string) and contentBlockStop; then messageStop and metadata.
     * Events carry the service's padding field "p", which clients ignore.
     */
    public static StreamBuilder stream() {
        return new StreamBuilder();
    }

    public static final class StreamBuilder {

        private final List<byte[]> frames = new ArrayList<>(List.of(event("messageStart",
                "{\"p\":\"abcd\",\"role\":\"assistant\"}")));
        private int block;

        public StreamBuilder text(String... pieces) {
            for (String piece : pieces) {
                frames.add(event("contentBlockDelta", "{\"contentBlockIndex\":" + block
                        + ",\"delta\":{\"text\":" + quote(piece) + "},\"p\":\"abcdefgh\"}"));
            }
            return stop();
        }

        public StreamBuilder toolUse(String toolUseId, String name, String... inputFragments) {
            frames.add(event("contentBlockStart", "{\"contentBlockIndex\":" + block + ",\"p\":\"abc\","
                    + "\"start\":{\"toolUse\":{\"toolUseId\":" + quote(toolUseId) + ",\"name\":" + quote(name)
                    + "}}}"));
            for (String fragment : inputFragments) {
                frames.add(event("contentBlockDelta", "{\"contentBlockIndex\":" + block
                        + ",\"delta\":{\"toolUse\":{\"input\":" + quote(fragment) + "}},\"p\":\"abcdef\"}"));
            }
            return stop();
        }

        public List<byte[]> end(String stopReason, int inputTokens, int outputTokens) {
            return end(stopReason, inputTokens, outputTokens, null);
        }

        /** The end, with the prompt tokens read from the prompt cache when cacheRead is not null. */
        List<byte[]> end(String stopReason, int inputTokens, int outputTokens, Integer cacheRead) {
            frames.add(event("messageStop", "{\"p\":\"ab\",\"stopReason\":\"" + stopReason + "\"}"));
            frames.add(event("metadata", "{\"usage\":{\"inputTokens\":" + inputTokens + ",\"outputTokens\":"
                    + outputTokens + ",\"totalTokens\":" + (inputTokens + outputTokens)
                    + (cacheRead == null ? "" : ",\"cacheReadInputTokens\":" + cacheRead)
                    + "},\"metrics\":{\"latencyMs\":123}}"));
            return frames;
        }

        private StreamBuilder stop() {
            frames.add(event("contentBlockStop", "{\"contentBlockIndex\":" + block + ",\"p\":\"abcdefg\"}"));
            block++;
            return this;
        }
    }

    /** The events of a whole ConverseStream answer: one text block in these pieces, the stop, then usage. */
    static List<byte[]> streamEvents(List<String> deltas, String stopReason, int inputTokens, int outputTokens) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(event("messageStart", "{\"role\":\"assistant\"}"));
        for (String delta : deltas) {
            frames.add(event("contentBlockDelta",
                    "{\"contentBlockIndex\":0,\"delta\":{\"text\":" + quote(delta) + "}}"));
        }
        frames.add(event("contentBlockStop", "{\"contentBlockIndex\":0}"));
        frames.add(event("messageStop", "{\"stopReason\":\"" + stopReason + "\"}"));
        frames.add(event("metadata", "{\"usage\":{\"inputTokens\":" + inputTokens + ",\"outputTokens\":"
                + outputTokens + ",\"totalTokens\":" + (inputTokens + outputTokens)
                + "},\"metrics\":{\"latencyMs\":123}}"));
        return frames;
    }

    public static ResponseDefinitionBuilder streamResponse(List<byte[]> frames) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        frames.forEach(body::writeBytes);
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.amazon.eventstream")
                .withHeader("x-amzn-RequestId", "7c1b5f1e-0000-4000-8000-000000000002")
                .withBody(body.toByteArray());
    }

    static byte[] event(String eventType, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return frame(headers, json);
    }

    /** An error raised after the stream began, e.g. throttlingException or modelStreamErrorException. */
    static byte[] exceptionEvent(String exceptionType, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return frame(headers, "{\"message\":" + quote(message) + "}");
    }

    /** An error answer: the status, the type in x-amzn-ErrorType, and {"message": ...}. */
    static ResponseDefinitionBuilder error(int status, String errorType, String message) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", "7c1b5f1e-0000-4000-8000-000000000003")
                .withHeader("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                .withBody("{\"message\":" + quote(message) + "}");
        return status == 429 ? response.withHeader("Retry-After", "7") : response;
    }

    /** The error type Bedrock sends with each status. */
    static String errorTypeFor(int status) {
        return switch (status) {
            case 400 -> "ValidationException";
            case 401 -> "UnrecognizedClientException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "ModelTimeoutException";
            case 424 -> "ModelErrorException";
            case 429 -> "ThrottlingException";
            case 500 -> "InternalServerException";
            case 503 -> "ServiceUnavailableException";
            default -> throw new IllegalArgumentException("no Bedrock error type for " + status);
        };
    }

    private static byte[] frame(Map<String, HeaderValue> headers, String json) {
        return new Message(headers, json.getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();
    }

    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
