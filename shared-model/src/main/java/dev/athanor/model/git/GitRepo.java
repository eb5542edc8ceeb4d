package dev.athanor.model.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A repository named by its https (or http) URL: {@code https://github.com/acme/prompts}, with or without
 * {@code .git} or a trailing slash; GitLab's nested groups ({@code https://gitlab.com/acme/ml/prompts}) too.
 * {@code path} is the repository's full name on its host ({@code acme/prompts}), {@code cloneUrl} what Git fetches.
 */
public record GitRepo(String cloneUrl, String origin, String path) {

    /** The owner (user, organisation or GitLab group path). */
    public String owner() {
        return path.substring(0, path.lastIndexOf('/'));
    }

    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The repository a URL names, or empty when it names none: not http(s), credentials in it, a query or fragment,
     * or fewer than two path segments.
     */
    public static Optional<GitRepo> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawPath() == null) {
            return Optional.empty();
        }
        String path = uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        path = path.startsWith("/") ? path.substring(1) : path;
        String[] segments = path.split("/", -1);
        if (segments.length < 2) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return Optional.of(new GitRepo(origin + "/" + path + ".git", origin, path));
    }
}
