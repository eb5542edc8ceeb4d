package dev.athanor.git.repo;

import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.error.UpstreamException;
import dev.athanor.model.git.GitRepo;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a Git host's answer means for the caller. jgit reports HTTP failures as transport exceptions whose messages
 * carry its own texts ("not authorized", "... not permitted on ...") or the status; those are read here, with the
 * URLs taken out first so that a port or a path is never taken for a status. Messages never hold the token.
 */
final class GitFailures {

    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://\\S+");
    private static final Pattern UNAUTHORIZED = Pattern.compile("not authorized|\\b401\\b|authentication failed");
    private static final Pattern FORBIDDEN = Pattern.compile("not permitted|\\b403\\b|forbidden");
    private static final Pattern NOT_FOUND = Pattern.compile("\\b404\\b|repository not found");
    /** Words hosts use when a push is refused by a rule rather than by the branch's state. */
    private static final Pattern REFUSED_BY_RULE = Pattern.compile(
            "protected|permission|denied|not allowed|forbidden|not permitted|declined");

    private final GitRepo repo;
    private final String token;
    private final Duration timeout;

    GitFailures(GitRepo repo, String token, Duration timeout) {
        this.repo = repo;
        this.token = token;
        this.timeout = timeout;
    }

    /** A failure talking to the host, as the domain's exception. */
    DomainException remote(Exception failure) {
        // the cause is kept for the logs unless some message along it holds the token
        String text = chainText(failure);
        Throwable cause = scrub(text).equals(text) ? failure : null;
        if (find(failure, NoRemoteRepositoryException.class) != null) {
            return notFound();
        }
        String status = URL.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
        if (UNAUTHORIZED.matcher(status).find()) {
            return new UnauthorizedException("The Git host at " + repo.origin() + " refused the credentials for "
                    + repo.path());
        }
        if (FORBIDDEN.matcher(status).find()) {
            return new ForbiddenException("The Git host at " + repo.origin() + " does not let these credentials do"
                    + " this on " + repo.path() + " (no push right?)");
        }
        if (NOT_FOUND.matcher(status).find()) {
            return notFound();
        }
        if (find(failure, SocketTimeoutException.class) != null || status.contains("timed out")
                || status.contains("time out")) {
            return new UpstreamException("The Git host at " + repo.origin() + " did not answer within "
                    + timeout.toSeconds() + "s", cause);
        }
        if (find(failure, UnknownHostException.class) != null) {
            return new UpstreamException("The Git host at " + repo.origin() + " could not be reached (unknown host)",
                    cause);
        }
        if (find(failure, ConnectException.class) != null) {
            return new UpstreamException("The Git host at " + repo.origin()
                    + " could not be reached (connection refused)", cause);
        }
        return new UpstreamException("The Git host at " + repo.origin() + " failed: " + scrub(text),
                cause);
    }

    /** A push the host refused for a reason of its own (a protected branch, a hook), with the host's words. */
    DomainException refused(String branch, String hostMessage) {
        String message = "The Git host refused the push to " + branch + " of " + repo.path()
                + (hostMessage == null || hostMessage.isBlank() ? "" : ": " + scrub(hostMessage.strip()));
        return REFUSED_BY_RULE.matcher(String.valueOf(hostMessage).toLowerCase(Locale.ROOT)).find()
                ? new ForbiddenException(message)
                : new ConflictException(message);
    }

    /** A failure of the working copy on local disk: not the caller's doing, nor the host's. */
    IllegalStateException local(Exception failure) {
        return new IllegalStateException("The working copy of " + repo.path() + " failed: "
                + scrub(chainText(failure)));
    }

    String scrub(String text) {
        if (text == null || token == null || token.isEmpty()) {
            return text;
        }
        return text.replace(token, "***").replace(URLEncoder.encode(token, StandardCharsets.UTF_8), "***");
    }

    private NotFoundException notFound() {
        return new NotFoundException("No repository " + repo.path() + " at " + repo.origin()
                + " that these credentials can see");
    }

    /** The messages along the cause chain, outermost first, each once. */
    private static String chainText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : "; ").append(message);
            }
        }
        return text.toString();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
