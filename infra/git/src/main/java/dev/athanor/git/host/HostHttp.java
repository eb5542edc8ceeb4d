package dev.athanor.git.host;

import dev.athanor.model.error.UpstreamException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP to the Git hosts: one client for every call, redirects never followed (a token must not travel to
 * wherever a Location points), each call bounded by the configured timeout, every failure mapped by
 * {@link HostErrors}.
 */
final class HostHttp {

    private static final String USER_AGENT = "Athanor";

    private final HttpClient client;
    private final Duration timeout;
    private final JsonMapper json;
    private final HostErrors errors;

    HostHttp(Duration timeout, JsonMapper json, Clock clock) {
        this.timeout = timeout;
        this.json = json;
        this.errors = new HostErrors(json, clock);
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // plain-http self-hosted servers sit behind proxies that may refuse an h2c upgrade
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The body of a GET; any refusal is thrown as the domain's exception, naming {@code what} was asked for. */
    JsonNode get(HostEndpoint host, String path, String what) {
        return body(host, send(host, "GET", path, null), what);
    }

    /** The body of a GET, or empty when the host has no such thing (404). */
    Optional<JsonNode> find(HostEndpoint host, String path, String what) {
        HttpResponse<byte[]> response = send(host, "GET", path, null);
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(body(host, response, what));
    }

    /** POSTs a JSON object of string fields (null ones left out) and returns the body of the answer. */
    JsonNode post(HostEndpoint host, String path, Map<String, String> fields, String what) {
        Map<String, JsonNode> object = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null) {
                object.put(name, JsonNode.createStringNode(value));
            }
        });
        byte[] content;
        try {
            content = json.writeValueAsBytes(JsonNode.createObjectNode(object));
        } catch (IOException e) {
            throw new IllegalStateException("a request body of strings could not be written", e);
        }
        return body(host, send(host, "POST", path, content), what);
    }

    private HttpResponse<byte[]> send(HostEndpoint host, String method, String path, byte[] content) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.apiBase() + path))
                .timeout(timeout)
                .header("User-Agent", USER_AGENT);
        host.headers().forEach(request::header);
        if (content == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(content));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw errors.transport(host, e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("The call to " + host.hostName() + " was interrupted", e);
        }
    }

    private JsonNode body(HostEndpoint host, HttpResponse<byte[]> response, String what) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw errors.refusal(host, status, response.headers(), response.body(), what);
        }
        byte[] bytes = response.body();
        if (bytes == null || bytes.length == 0) {
            throw errors.unreadable(host, status, "without a body");
        }
        JsonNode parsed = parse(bytes);
        if (parsed == null || !parsed.isObject()) {
            throw errors.unreadable(host, status, "with a body that is not a JSON object");
        }
        return parsed;
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return json.readValue(bytes, JsonNode.class);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }
}
