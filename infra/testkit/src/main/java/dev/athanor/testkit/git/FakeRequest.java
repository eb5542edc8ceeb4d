package dev.athanor.testkit.git;

import com.github.tomakehurst.wiremock.common.Json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as one host's API sees it: the method, the path below the API's root split into decoded segments, the
 * token it carries (null when none) and its JSON body; {@code webRoot} is where the fake's web pages would be
 * ({@code http://127.0.0.1:port}), {@code apiRoot} where this API is.
 */
record FakeRequest(String method, List<String> segments, String token, String body, String webRoot, String apiRoot) {

    static FakeRequest of(String method, String apiPath, String token, String body, String webRoot, String apiRoot) {
        String path = apiPath.startsWith("/") ? apiPath.substring(1) : apiPath;
        List<String> segments = path.isEmpty() ? List.of()
                : Arrays.stream(path.split("/", -1))
                .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8)).toList();
        return new FakeRequest(method, segments, token, body, webRoot, apiRoot);
    }

    boolean is(String wantedMethod, int size) {
        return method.equals(wantedMethod) && segments.size() == size;
    }

    String segment(int index) {
        return segments.get(index);
    }

    /** The host name alone, as SSH clone URLs spell it. */
    String host() {
        return webRoot.replaceFirst("^https?://", "").replaceFirst(":\\d+$", "");
    }

    /** A pull request's number in a path, or empty when the segment is not one. */
    static Optional<Long> number(String segment) {
        try {
            return Optional.of(Long.parseLong(segment));
        } catch (NumberFormatException notNumber) {
            return Optional.empty();
        }
    }

    /** The body's fields, or null when it is not a JSON object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> fields() {
        try {
            Object parsed = Json.read(body == null ? "" : body, Map.class);
            return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** A string field of the body, or null when absent, blank or not a string. */
    static String text(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof String value && !value.isBlank() ? value : null;
    }

    /** The token of an {@code Authorization: Bearer <token>} or {@code Authorization: token <token>} header. */
    static String authorizationToken(String header) {
        if (header == null) {
            return null;
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? "" : header.substring(0, space);
        if (!scheme.equalsIgnoreCase("bearer") && !scheme.equalsIgnoreCase("token")) {
            return null;
        }
        String token = header.substring(space + 1).strip();
        return token.isEmpty() ? null : token;
    }
}
