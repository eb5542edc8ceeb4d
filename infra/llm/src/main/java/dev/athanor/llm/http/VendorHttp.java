package dev.athanor.llm.http;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import io.micronaut.core.io.buffer.ByteArrayBufferFactory;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.body.stream.AvailableByteArrayBody;
import io.micronaut.http.client.RawHttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP transport of one provider instance: the shared {@link VendorClient}, JSON calls bounded by the total
 * deadline, line-by-line streams bounded by the first-token and total deadlines, and every failure mapped by
 * {@link HttpErrors}. It knows nothing of any vendor's payloads beyond where the error message sits.
 */
public final class VendorHttp {

    private static final int ERROR_SNIPPET = 300;

    private final String providerId;
    private final String baseUrl;
    private final LlmTimeouts timeouts;
    private final Map<String, String> fixedHeaders;
    private final String secret;
    private final VendorErrors vendorErrors;
    private final JsonMapper json;
    private final RawHttpClient client;
    private final VendorClient transport;
    private final Clock clock;

    /**
     * @param baseUrl      without a trailing slash; paths are appended as given
     * @param headers      sent with every request, e.g. the credential
     * @param secret       the API key, scrubbed from any vendor text that would otherwise reach an error message
     */
    public VendorHttp(String providerId, String baseUrl, LlmTimeouts timeouts, Map<String, String> headers,
                      String secret, VendorErrors vendorErrors, JsonMapper json, VendorClient transport) {
        this.providerId = providerId;
        this.baseUrl = checkedBaseUrl(baseUrl);
        this.timeouts = timeouts;
        this.fixedHeaders = Map.copyOf(headers);
        this.secret = secret == null || secret.isBlank() ? null : secret;
        this.vendorErrors = vendorErrors;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.transport = transport;
        this.client = transport.client(timeouts.connect());
    }

    /** The {@code Authorization: Bearer} header for a key, or no header when there is none (vLLM, a local Ollama). */
    public static Map<String, String> bearer(String key) {
        return key == null || key.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + key);
    }

    /** An absolute http(s) URL without trailing slashes; anything else is the configuration's fault (a 4xx). */
    static String checkedBaseUrl(String url) {
        String trimmed = url == null ? "" : url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return trimmed;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        throw new InvalidInputException("baseUrl must be an absolute http(s) URL");
    }

    public String providerId() {
        return providerId;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    /** One JSON call within the total deadline; returns the parsed body, or null when the vendor sent none. */
    public JsonNode send(String method, String path, JsonNode body) {
        return await(sendAsync(method, path, body));
    }

    /**
     * The same call without holding a thread: completes on the client's event loop with the parsed body, or
     * exceptionally with the {@link LlmException} that {@link #send} would throw.
     */
    public CompletableFuture<JsonNode> sendAsync(String method, String path, JsonNode body) {
        Exchange exchange = Exchange.start(client, request(method, path, body, true), content(body));
        CompletableFuture<JsonNode> call = exchange.thenCompose(raw ->
                raw.byteBody().buffer().thenApply(buffered -> {
                    byte[] bytes;
                    try (buffered; raw) {
                        bytes = buffered.toByteArray();
                    }
                    if (raw.code() >= 300) {
                        throw vendorRefusal(raw.code(), raw.getHeaders().get("Retry-After"), bytes);
                    }
                    return bytes.length == 0 ? null : parse(bytes);
                }));
        long total = timeouts.total().toMillis();
        return deadline(call, total).handle((parsed, failure) -> {
            if (failure == null) {
                return parsed;
            }
            if (HttpErrors.unwrap(failure) instanceof TimeoutException) {
                exchange.close();
                throw timeout("no complete response within " + total + " ms");
            }
            throw HttpErrors.fromTransport(providerId, failure);
        });
    }

    /**
     * Fails the future with a {@link TimeoutException} unless it completes within the time, as
     * {@link CompletableFuture#orTimeout} does, on the transport's timer ({@link VendorClient#schedule}).
     */
    <T> CompletableFuture<T> deadline(CompletableFuture<T> future, long millis) {
        if (!future.isDone()) {
            Future<?> timer = transport.schedule(() -> future.completeExceptionally(new TimeoutException()), millis);
            future.whenComplete((ignored, failure) -> timer.cancel(false));
        }
        return future;
    }

    /** Runs the task after the delay on the transport's timer; cancel the returned future to drop it. */
    Future<?> schedule(Runnable task, long delayMillis) {
        return transport.schedule(task, delayMillis);
    }

    /**
     * Waits for a call started with {@link #sendAsync} or {@link #streamAsync}; its failure is thrown as the typed
     * error it carries, or as what a stream's handler threw.
     */
    public <T> T await(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0, providerId + ": interrupted", null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown; // both calls map transport failures to typed errors; anything else is a handler's
            }
            throw HttpErrors.fromTransport(providerId, e);
        }
    }

    /**
     * Opens a streaming call to be read line by line on the calling thread; a refusal is thrown by the first
     * {@link LineStream#next()}, before any line. Close the returned stream when done.
     */
    public LineStream stream(String method, String path, JsonNode body) {
        return stream(method, path, body, timeouts);
    }

    /**
     * A streaming call that holds no thread: each line of the body reaches the handler on the client's event loop as
     * it arrives. Completes when the handler has seen the answer's end or the body ends; completes exceptionally with
     * the {@link LlmException} for a refusal, a missed first-token or total deadline or a broken body, or with what
     * the handler threw.
     */
    public CompletableFuture<Void> streamAsync(String method, String path, JsonNode body, LineHandler handler) {
        return new StreamCall(this, handler).start(client, request(method, path, body, false), content(body), timeouts);
    }

    /** A stream with deadlines of its own, for calls that outlast a completion (a model download). */
    public LineStream stream(String method, String path, JsonNode body, LlmTimeouts deadlines) {
        LineStream lines = new LineStream(this);
        lines.open(client, request(method, path, body, false), content(body), deadlines);
        return lines;
    }

    /** One line of a stream as JSON; a malformed line means the vendor is broken, which is worth a retry. */
    public JsonNode parse(String line) {
        return parse(line.getBytes(StandardCharsets.UTF_8));
    }

    JsonNode parse(byte[] bytes) {
        try {
            return json.readValue(bytes, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0,
                    providerId + ": unreadable response (" + redact(snippet(new String(bytes, StandardCharsets.UTF_8))) + ")",
                    null, e);
        }
    }

    /** An error the vendor reported inside a stream that had started with 200. */
    public LlmException streamError(LlmErrorKind kind, String vendorMessage) {
        return new LlmException(kind, providerId, 0,
                providerId + ": error in stream: " + redact(vendorMessage == null ? "unknown" : vendorMessage), null, null);
    }

    LlmException timeout(String what) {
        return new LlmException(LlmErrorKind.TIMEOUT, providerId, 0, providerId + ": " + what, null, null);
    }

    LlmException vendorRefusal(int status, String retryAfterHeader, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String message = null;
        if (!text.isBlank()) {
            try {
                message = vendorErrors.message(json.readValue(body, JsonNode.class));
            } catch (IOException | RuntimeException notJson) {
                message = null;
            }
            if (message == null) {
                message = snippet(text);
            }
        }
        Duration retryAfter = HttpErrors.retryAfter(retryAfterHeader, clock);
        return HttpErrors.fromStatus(providerId, status, redact(message), retryAfter);
    }

    String redact(String text) {
        return text == null || secret == null ? text : text.replace(secret, "***");
    }

    private static String snippet(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= ERROR_SNIPPET ? oneLine : oneLine.substring(0, ERROR_SNIPPET) + "...";
    }

    private MutableHttpRequest<?> request(String method, String path, JsonNode body, boolean expectJson) {
        MutableHttpRequest<?> request = HttpRequest.create(HttpMethod.parse(method), baseUrl + path);
        fixedHeaders.forEach(request::header);
        if (expectJson) {
            request.header("Accept", "application/json");
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    private CloseableByteBody content(JsonNode body) {
        return body == null ? null : AvailableByteArrayBody.create(ByteArrayBufferFactory.INSTANCE, write(body));
    }

    private byte[] write(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId, 0,
                    providerId + ": request could not be encoded", null, e);
        }
    }
}
