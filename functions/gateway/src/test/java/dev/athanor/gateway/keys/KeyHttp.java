package dev.athanor.gateway.keys;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Plain HTTP calls to a running surface, with the JSON body read back as maps. */
final class KeyHttp {

    record Answer(int status, Map<String, Object> body, List<Object> list, HttpResponse<String> raw) {

        @SuppressWarnings("unchecked")
        Map<String, Object> error() {
            return (Map<String, Object>) body.get("error");
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final JsonMapper json;

    KeyHttp(String base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    Answer send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            Map<String, Object> map = null;
            List<Object> list = null;
            if (text.startsWith("{")) {
                map = json.readValue(text, Argument.mapOf(String.class, Object.class));
            } else if (text.startsWith("[")) {
                list = json.readValue(text, Argument.listOf(Object.class));
            }
            return new Answer(response.statusCode(), map, list, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String[] bearer(String credential) {
        return new String[]{"Authorization", "Bearer " + credential};
    }

    static String[] apiKey(String key) {
        return new String[]{"X-API-Key", key};
    }
}
