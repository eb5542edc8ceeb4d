package dev.athanor.git.host;

import dev.athanor.model.error.InvalidInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a host's API is, and repository paths as its URLs spell them. */
final class HostUrls {

    private HostUrls() {
    }

    /**
     * A server's web root as given ({@code server_url}), without trailing slashes; it must be an absolute http(s) URL
     * with no credentials, query or fragment in it.
     */
    static String server(String url) {
        String trimmed = url == null ? "" : url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return trimmed;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        throw new InvalidInputException("server_url must be an absolute http(s) URL without credentials");
    }

    static boolean absent(String serverUrl) {
        return serverUrl == null || serverUrl.isBlank();
    }

    /** {@code acme/prompts} as path segments, each percent-encoded ({@code /repos/acme/prompts} on GitHub, Gitea). */
    static String segments(String path) {
        return Arrays.stream(path.split("/")).map(HostUrls::encode).collect(Collectors.joining("/"));
    }

    /** {@code acme/ml/prompts} as one path segment, as GitLab takes a project's full path in place of its id. */
    static String projectId(String path) {
        return encode(path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
