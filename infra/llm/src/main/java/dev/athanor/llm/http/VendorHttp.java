package dev.athanor.llm.http;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmTimeouts;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP transport of one provider instance: one reused JDK client, JSON calls bounded by the total deadline,
 * line-by-line streams bounded by the first-token and total deadlines, and every failure mapped by
 * {@link HttpErrors}. It knows nothing of any vendor's payloads beyond where the error message sits.
 */
public final class VendorHttp {

    private static final int ERROR_SNIPPET = 300;

    private final String providerId;
    private final String baseUrl;
    private final LlmTimeouts timeouts;
    private final String[] fixedHeaders;
    private final String secret;
    private final VendorErrors vendorErrors;
    private final JsonMapper json;
    private final HttpClient client;
    private final Clock clock;

    /**
     * @param baseUrl      without a trailing slash; paths are appended as given
     * @param headers      sent with every request, e.g. the credential
     * @param secret       the API key, scrubbed from any vendor text that would otherwise reach an error message
     */
    public VendorHttp(String providerId, String baseUrl, LlmTimeouts timeouts, Map<String, String> headers,
                      String secret, VendorErrors vendorErrors, JsonMapper json) {
        this.providerId = providerId;
        this.baseUrl = checkedBaseUrl(baseUrl);
        this.timeouts = timeouts;
        List<String> flat = new ArrayList<>();
        headers.forEach((name, value) -> {
            flat.add(name);
            flat.add(value);
        });
        this.fixedHeaders = flat.toArray(String[]::new);
        this.secret = secret == null || secret.isBlank() ? null : secret;
        this.vendorErrors = vendorErrors;
        this.json = json;
        this.clock = Clock.systemUTC();
        // plain http:// is a local server (Ollama, vLLM): HTTP/1.1 avoids an h2c upgrade it may mishandle
        HttpClient.Version version = this.baseUrl.startsWith("http://")
                ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
        this.client = HttpClient.newBuilder()
                .version(version)
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                // responses are handed on without blocking (a parsed body, a line into a queue), so the selector
                // thread can deliver them itself instead of waking a worker thread per response
                .executor(Runnable::run)
                .build();
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
     * The same call without holding a thread: completes on the client's selector thread with the parsed body, or
     * exceptionally with the {@link LlmException} that {@link #send} would throw.
     */
    public CompletableFuture<JsonNode> sendAsync(String method, String path, JsonNode body) {
        HttpRequest request = request(method, path, body, true).build();
        CompletableFuture<HttpResponse<byte[]>> call =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        long total = timeouts.total().toMillis();
        // the request timeout stops at the headers; this deadline bounds the body too
        return call.orTimeout(total, TimeUnit.MILLISECONDS).handle((response, failure) -> {
            if (failure != null) {
                if (HttpErrors.unwrap(failure) instanceof TimeoutException) {
                    call.cancel(true);
                    throw timeout("no complete response within " + total + " ms");
                }
                throw HttpErrors.fromTransport(providerId, failure);
            }
            if (response.statusCode() >= 300) {
                throw vendorRefusal(response.statusCode(), response.headers(), response.body());
            }
            byte[] bytes = response.body();
            return bytes == null || bytes.length == 0 ? null : parse(bytes);
        });
    }

    /** Waits for a call started with {@link #sendAsync}; its failure is thrown as the typed error it carries. */
    public <T> T await(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0, providerId + ": interrupted", null, e);
        } catch (ExecutionException e) {
            throw HttpErrors.fromTransport(providerId, e);
        }
    }

    /**
     * Opens a streaming call and waits for the response headers (within the first-token deadline); a refusal is
     * thrown here, before any delta. Close the returned stream when done.
     */
    public LineStream stream(String method, String path, JsonNode body) {
        return stream(method, path, body, timeouts);
    }

    /** A stream with deadlines of its own, for calls that outlast a completion (a model download). */
    public LineStream stream(String method, String path, JsonNode body, LlmTimeouts deadlines) {
        long start = System.nanoTime();
        HttpRequest request = request(method, path, body, false).timeout(deadlines.total()).build();
        LineStream lines = new LineStream(this, start, deadlines);
        lines.open(client, request);
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

    LlmException vendorRefusal(int status, HttpHeaders headers, byte[] body) {
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
        Duration retryAfter = HttpErrors.retryAfter(headers.firstValue("Retry-After").orElse(null), clock);
        return HttpErrors.fromStatus(providerId, status, redact(message), retryAfter);
    }

    String redact(String text) {
        return text == null || secret == null ? text : text.replace(secret, "***");
    }

    private static String snippet(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= ERROR_SNIPPET ? oneLine : oneLine.substring(0, ERROR_SNIPPET) + "...";
    }

    private HttpRequest.Builder request(String method, String path, JsonNode body, boolean expectJson) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeouts.total());
        if (fixedHeaders.length > 0) {
            builder.headers(fixedHeaders);
        }
        if (expectJson) {
            builder.header("Accept", "application/json");
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        }
        return builder;
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
