package dev.athanor.llm;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.llm.http.TestJson;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import io.micronaut.json.tree.JsonNode;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.LlmTimeouts;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every provider kind must do against a fake of its vendor that speaks the vendor's documented wire format:
 * text, streaming, usage, the model list, and each HTTP failure and timeout mapped to its typed error; tool calls
 * (plain and streamed), tool results, JSON-schema answers and images, each in the vendor's own form; and a setting the
 * vendor cannot do refused by name before any call.
 * A subclass supplies the client and the vendor-specific stubs; the assertions are shared.
 */
public abstract class ProviderContractTest {

    protected static final String MODEL = "contract-model";
    protected static final Usage USAGE = new Usage(11, 7);
    /** Deadlines tests of timeouts run into; tight, so a test that expects an answer must not use them. */
    protected static final LlmTimeouts FAST_TIMEOUTS =
            new LlmTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofMillis(800));
    /** Deadlines no answer of the fake vendor comes near, even on a loaded build machine. */
    protected static final LlmTimeouts TIMEOUTS =
            new LlmTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));

    @RegisterExtension
    protected static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /** A client of the provider under test pointed at the fake vendor. */
    protected abstract LlmProvider provider(String baseUrl, LlmTimeouts timeouts);

    /** The vendor answers a chat call for {@link #MODEL} with this text and {@link #USAGE}. */
    protected abstract void stubChat(String text);

    /** The vendor streams these pieces of text in order, then reports {@link #USAGE}. */
    protected abstract void stubStream(List<String> deltas);

    /** The vendor lists these model ids. */
    protected abstract void stubModels(List<String> ids);

    /** Chat and stream calls fail with this status, the vendor's error body, and a Retry-After of 7 s on 429. */
    protected abstract void stubError(int status);

    /** Chat and stream calls answer only after this delay. */
    protected abstract void stubSlow(Duration delay);

    /** The provider kind sends the caller's bearer/API key the way the vendor expects. */
    protected abstract void verifyCredentialsSent();

    /**
     * The vendor answers a chat call with one call of {@link #WEATHER} with id {@link #CALL_ID} and arguments
     * {@link #ARGUMENTS}, as its wire format carries a tool call, with its tool-use stop reason and {@link #USAGE}.
     */
    protected abstract void stubToolCall();

    /** The same call streamed, its arguments in at least two fragments, then {@link #USAGE}. */
    protected abstract void stubToolCallStream();

    /** The last request offered {@link #WEATHER} (name, description, schema) as the vendor takes a tool. */
    protected abstract void verifyToolOffered();

    /**
     * The last request carried the assistant's call {@link #CALL_ID} and the tool's answer {@link #TOOL_RESULT} to
     * it, as the vendor takes a tool result.
     */
    protected abstract void verifyToolResultSent();

    /** The vendor answers a request for {@link #WEATHER_REPORT} JSON with this document, in its own way. */
    protected abstract void stubJsonAnswer(String json);

    /** The last request asked for JSON valid against {@link #WEATHER_REPORT}'s schema, in the vendor's way. */
    protected abstract void verifyJsonSchemaRequested();

    /** The last request carried the inline PNG {@link #PNG_BASE64} as the vendor takes an image. */
    protected abstract void verifyImageSent();

    /** A setting this vendor cannot do (its OpenAI wire name), or null when it can do every one. */
    protected abstract String unsupportedParameter();

    protected static final String CALL_ID = "call_0001";
    protected static final String ARGUMENTS = "{\"city\":\"Paris\"}";
    protected static final String TOOL_RESULT = "sunny, 21 C";
    protected static final ToolDefinition WEATHER = new ToolDefinition("get_weather", "The weather in a city now",
            json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"),
            null);
    protected static final ResponseFormat WEATHER_REPORT = new ResponseFormat("json_schema", "weather_report",
            null, json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"celsius\":{\"type\":\"integer\"}},\"required\":[\"city\",\"celsius\"],"
            + "\"additionalProperties\":false}"), true);
    /** A 1x1 PNG. */
    protected static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    protected static JsonNode json(String text) {
        try {
            return TestJson.MAPPER.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks about the weather with {@link #WEATHER} on offer. */
    protected static ChatRequest toolRequest() {
        return request().withTools(List.of(WEATHER), ToolChoice.AUTO);
    }

    /** The turn after {@link #toolRequest}: the assistant's call and the tool's answer. */
    protected static ChatRequest toolResultRequest() {
        List<ChatMessage> messages = new ArrayList<>(request().messages());
        messages.add(ChatMessage.assistant("", List.of(new ToolCall(CALL_ID, WEATHER.name(), ARGUMENTS))));
        messages.add(ChatMessage.tool(CALL_ID, TOOL_RESULT));
        return new ChatRequest(MODEL, messages, null, null, 64, null).withTools(List.of(WEATHER), ToolChoice.AUTO);
    }

    protected static ChatRequest jsonRequest() {
        return request().withResponseFormat(WEATHER_REPORT);
    }

    protected static ChatRequest imageRequest() {
        ChatMessage look = new ChatMessage("user", "What is in this picture?", List.of(
                new ContentPart.Text("What is in this picture?"),
                new ContentPart.Image("data:image/png;base64," + PNG_BASE64, null, "image/png", PNG_BASE64)),
                null, null, null);
        return new ChatRequest(MODEL, List.of(look), null, null, 64, null);
    }

    /** Options setting the one parameter named (a value valid for OpenAI's API). */
    protected static ChatOptions setting(String parameter) {
        return switch (parameter) {
            case "n" -> new ChatOptions(null, 2, null, null, null, null, null, null, null, null, null, false, null);
            case "seed" -> new ChatOptions(null, null, 7L, null, null, null, null, null, null, null, null, false, null);
            case "presence_penalty" -> new ChatOptions(null, null, null, null, 0.5, null, null, null, null, null,
                    null, false, null);
            case "frequency_penalty" -> new ChatOptions(null, null, null, null, null, 0.5, null, null, null, null,
                    null, false, null);
            case "logit_bias" -> new ChatOptions(null, null, null, null, null, null, json("{\"50256\":-100}"), null,
                    null, null, null, false, null);
            case "logprobs" -> new ChatOptions(null, null, null, null, null, null, null, true, null, null, null,
                    false, null);
            default -> throw new IllegalArgumentException("no example for " + parameter);
        };
    }

    protected LlmProvider provider() {
        return provider(VENDOR.baseUrl(), TIMEOUTS);
    }

    protected static ChatRequest request() {
        return new ChatRequest(MODEL, List.of(ChatMessage.system("Be brief."), ChatMessage.user("Say hello")),
                0.2, null, 64, null);
    }

    @Test
    void chat_returns_text_and_usage() {
        stubChat("Hello there!");

        ChatResponse response = provider().chat(request());

        assertEquals("Hello there!", response.content());
        assertEquals(USAGE, response.usage());
        assertEquals("stop", response.finishReason());
        verifyCredentialsSent();
    }

    @Test
    void stream_delivers_each_piece_in_order_then_the_summary() {
        List<String> deltas = List.of("Once", " upon", " a", " time.");
        stubStream(deltas);
        List<String> received = new ArrayList<>();

        ChatResponse summary = provider().stream(request(), received::add);

        assertEquals(deltas, received);
        assertEquals("Once upon a time.", summary.content());
        assertEquals(USAGE, summary.usage());
        assertEquals("stop", summary.finishReason());
    }

    @Test
    void a_listener_that_throws_ends_the_stream_with_its_own_exception() {
        stubStream(List.of("Once", " upon"));
        IllegalStateException gone = new IllegalStateException("the caller went away");
        List<String> received = new ArrayList<>();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider().stream(request(), text -> {
            received.add(text);
            throw gone;
        }));

        assertSame(gone, e);
        assertEquals(List.of("Once"), received, "no piece after the listener failed");
    }

    @Test
    void models_lists_what_the_vendor_serves() {
        stubModels(List.of("model-a", "model-b"));

        List<String> ids = provider().models().stream().map(ModelInfo::id).toList();

        assertEquals(List.of("model-a", "model-b"), ids);
    }

    @Test
    void health_is_ok_when_the_vendor_answers_and_not_ok_when_it_fails() {
        stubModels(List.of("model-a"));
        assertTrue(provider().health().ok());

        VENDOR.resetAll();
        VENDOR.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
        assertFalse(provider().health().ok());
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, INVALID_REQUEST",
            "401, AUTHENTICATION",
            "403, AUTHENTICATION",
            "404, NOT_FOUND",
            "429, RATE_LIMITED",
            "500, UNAVAILABLE",
            "503, UNAVAILABLE"})
    void vendor_status_maps_to_typed_error(int status, LlmErrorKind expected) {
        stubError(status);

        LlmException chat = assertThrows(LlmException.class, () -> provider().chat(request()));
        LlmException stream = assertThrows(LlmException.class, () -> provider().stream(request(), text -> { }));

        for (LlmException e : List.of(chat, stream)) {
            assertEquals(expected, e.kind(), e.getMessage());
            assertEquals(expected.retryable(), e.retryable());
            if (status == 429) {
                assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
            }
        }
    }

    @Test
    void a_call_slower_than_its_deadline_fails_as_timeout() {
        stubSlow(Duration.ofSeconds(3));

        LlmProvider fast = provider(VENDOR.baseUrl(), FAST_TIMEOUTS);
        LlmException chat = assertThrows(LlmException.class, () -> fast.chat(request()));
        LlmException stream = assertThrows(LlmException.class, () -> fast.stream(request(), text -> { }));

        assertEquals(LlmErrorKind.TIMEOUT, chat.kind());
        assertEquals(LlmErrorKind.TIMEOUT, stream.kind());
    }

    @Test
    void a_tool_call_comes_back_with_its_id_name_and_arguments() {
        stubToolCall();

        ChatResponse response = provider().chat(toolRequest());

        assertEquals(1, response.toolCalls().size(), "one call");
        ToolCall call = response.toolCalls().get(0);
        assertEquals(CALL_ID, call.id());
        assertEquals(WEATHER.name(), call.name());
        assertEquals(json(ARGUMENTS), json(call.arguments()));
        assertEquals("tool_calls", response.finishReason());
        assertEquals(USAGE.promptTokens(), response.usage().promptTokens());
        assertEquals(USAGE.completionTokens(), response.usage().completionTokens());
        verifyToolOffered();
    }

    @Test
    void a_streamed_tool_call_arrives_in_pieces_and_whole_in_the_summary() {
        stubToolCallStream();
        List<ToolCallDelta> deltas = new ArrayList<>();
        List<String> text = new ArrayList<>();

        ChatResponse summary = provider().stream(toolRequest(), new RecordingListener(text, deltas));

        assertTrue(deltas.size() >= 2, "the arguments in pieces: " + deltas);
        ToolCallDelta first = deltas.get(0);
        assertEquals(0, first.index());
        assertEquals(CALL_ID, first.id());
        assertEquals(WEATHER.name(), first.name());
        StringBuilder arguments = new StringBuilder(first.arguments() == null ? "" : first.arguments());
        for (ToolCallDelta next : deltas.subList(1, deltas.size())) {
            assertEquals(0, next.index());
            assertNull(next.id(), "only the first piece carries the id");
            assertNull(next.name(), "only the first piece carries the name");
            assertNotNull(next.arguments());
            arguments.append(next.arguments());
        }
        assertEquals(json(ARGUMENTS), json(arguments.toString()));
        assertEquals(List.of(new ToolCall(CALL_ID, WEATHER.name(), arguments.toString())), summary.toolCalls());
        assertEquals("tool_calls", summary.finishReason());
        assertEquals(USAGE.totalTokens(), summary.usage().totalTokens());
        assertEquals("", String.join("", text), "no text besides the call");
    }

    @Test
    void a_tool_result_goes_back_in_the_vendors_form() {
        stubChat("It is sunny in Paris.");

        ChatResponse response = provider().chat(toolResultRequest());

        assertEquals("It is sunny in Paris.", response.content());
        verifyToolResultSent();
    }

    @Test
    void a_json_schema_answer_is_asked_for_in_the_vendors_way_and_comes_back_as_the_content() {
        String report = "{\"city\":\"Paris\",\"celsius\":21}";
        stubJsonAnswer(report);

        ChatResponse response = provider().chat(jsonRequest());

        assertEquals(json(report), json(response.content()));
        assertEquals("stop", response.finishReason());
        assertEquals(List.of(), response.toolCalls());
        verifyJsonSchemaRequested();
    }

    @Test
    void an_inline_image_reaches_the_vendor() {
        stubChat("A white dot.");

        ChatResponse response = provider().chat(imageRequest());

        assertEquals("A white dot.", response.content());
        verifyImageSent();
    }

    @Test
    void a_setting_the_vendor_cannot_do_is_refused_by_name_before_any_call() {
        String parameter = unsupportedParameter();
        assumeTrue(parameter != null, "this vendor does every setting");

        ChatRequest asked = request().withOptions(setting(parameter));
        LlmException chat = assertThrows(LlmException.class, () -> provider().chat(asked));
        LlmException stream = assertThrows(LlmException.class, () -> provider().stream(asked, text -> { }));

        for (LlmException e : List.of(chat, stream)) {
            assertEquals(LlmErrorKind.INVALID_REQUEST, e.kind());
            assertEquals(parameter, e.param());
            assertTrue(e.getMessage().contains(parameter), e.getMessage());
        }
        VENDOR.verify(0, anyRequestedFor(anyUrl()));
    }
}
