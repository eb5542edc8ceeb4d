package dev.athanor.orchestrator.github;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a delivery's repository is the project's. A repository is named by a URL ({@code https://github.com/o/r},
 * a GitHub Enterprise host's, with or without {@code .git} or a trailing slash, or {@code git@host:o/r.git}) or by
 * its full name ({@code o/r}); names compare without case, as GitHub treats them. The hosts are compared too when
 * both sides name one.
 */
final class GithubRepos {

    /** @param host lower case, or null for a bare full name */
    record Repo(@Nullable String host, String fullName) {

        boolean same(Repo other) {
            return fullName.equals(other.fullName) && (host == null || other.host == null || host.equals(other.host));
        }
    }

    private GithubRepos() {
    }

    static Optional<Repo> parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String rest = text.strip().toLowerCase(Locale.ROOT);
        String host = null;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            host = withoutUserAndPort(rest.substring(0, slash));
            rest = rest.substring(slash + 1);
        } else if (rest.startsWith("git@") && rest.contains(":")) {
            host = rest.substring(4, rest.indexOf(':'));
            rest = rest.substring(rest.indexOf(':') + 1);
        }
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.endsWith(".git")) {
            rest = rest.substring(0, rest.length() - 4);
        }
        String[] parts = rest.split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Repo(host, parts[0] + "/" + parts[1]));
    }

    private static String withoutUserAndPort(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int port = host.indexOf(':');
        return port < 0 ? host : host.substring(0, port);
    }
}
