package dev.athanor.llm;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.model.llm.ChatMessage;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every provider kind must do against a fake of its vendor that speaks the vendor's documented wire format:
 * text, streaming, usage, the model list, and each HTTP failure and timeout mapped to its typed error.
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
}
