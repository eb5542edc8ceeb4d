package dev.athanor.git.host;

import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.error.ForbiddenException;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnauthorizedException;
import dev.athanor.model.error.UpstreamException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one table from what a Git host answered (or failed to) to the domain's exceptions. The host's own words are
 * kept, shortened and with the token masked, since hosts echo what they were sent.
 */
final class HostErrors {

    static final int MESSAGE_LIMIT = 200;
    private static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(60);

    private final JsonMapper json;
    private final Clock clock;

    HostErrors(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * The exception for a status other than 2xx.
     *
     * @param what what the call was about, for the message: "repository acme/prompts", "pull request #7 in ..."
     */
    DomainException refusal(HostEndpoint host, int status, HttpHeaders headers, byte[] body, String what) {
        String name = host.hostName();
        Optional<JsonNode> json = parse(body);
        Optional<String> parsed = json.map(HostErrors::message).map(text -> clean(text, host.token()));
        // a body that is not JSON is shown as text, except where a proxy's error page is likely (5xx)
        Optional<String> words = json.isPresent() ? parsed : rawText(body, host.token());
        String detail = words.map(text -> ": " + text).orElse("");
        if (status >= 300 && status < 400) {
            // redirects are not followed: the token must not travel to wherever a Location points
            return new InvalidInputException(name + " answered " + status + " with a redirect for " + what
                    + ", which is not followed; check the server URL and the repository URL");
        }
        if (rateLimited(status, headers)) {
            Instant now = clock.instant();
            return new HostRateLimitException(name + " rate limit reached" + detail, now, resetsAt(headers, now));
        }
        if (status >= 500 || status < 300) {
            return new UpstreamException(name + " answered " + status + parsed.map(text -> ": " + text).orElse(""));
        }
        return switch (status) {
            case 401 -> new UnauthorizedException(name + " refused the access token" + detail);
            case 403 -> new ForbiddenException(name + " refused access to " + what + detail);
            case 404 -> new NotFoundException(name + " has no " + what + ", or the token cannot see it");
            case 409 -> new ConflictException(name + " refused the request on " + what + detail);
            default -> status == 422 && detail.toLowerCase(Locale.ROOT).contains("already exists")
                    ? new ConflictException(name + " refused the request on " + what + detail)
                    : new InvalidInputException(name + " refused the request on " + what + " (" + status + ")"
                    + detail);
        };
    }

    /** A call that got no answer: timed out, refused or broken on the way. */
    UpstreamException transport(HostEndpoint host, IOException failure, Duration timeout) {
        String name = host.hostName();
        if (failure instanceof HttpConnectTimeoutException) {
            return new UpstreamException(name + " could not be reached within " + spoken(timeout), failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return new UpstreamException(name + " did not answer within " + spoken(timeout), failure);
        }
        String where = URI.create(host.apiBase()).getHost();
        if (failure instanceof ConnectException || failure.getCause() instanceof UnresolvedAddressException) {
            return new UpstreamException(name + " could not be reached at " + where, failure);
        }
        return new UpstreamException(name + " at " + where + " broke off the call", failure);
    }

    UpstreamException unreadable(HostEndpoint host, int status, String problem) {
        return new UpstreamException(host.hostName() + " answered " + status + " " + problem);
    }

    static String spoken(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Shortened to one line of at most {@link #MESSAGE_LIMIT} characters, the token masked first. */
    static String clean(String text, String token) {
        String masked = token == null || token.isBlank() ? text : text.replace(token, "***");
        String oneLine = masked.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MESSAGE_LIMIT ? oneLine : oneLine.substring(0, MESSAGE_LIMIT - 3) + "...";
    }

    private Optional<JsonNode> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(body, JsonNode.class));
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> rawText(byte[] body, String token) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return text.isBlank() ? Optional.empty() : Optional.of(clean(text, token));
    }

    /**
     * Where each host puts its words: GitHub {@code message} with {@code errors[].message}; GitLab {@code message}
     * as a string, a list or a field map, or {@code error} and {@code error_description}; Gitea {@code message}.
     */
    static String message(JsonNode body) {
        if (body == null || !body.isObject()) {
            return describe(body);
        }
        List<String> parts = new ArrayList<>();
        add(parts, describe(body.get("message")));
        String errors = describe(body.get("errors"));
        if (errors != null && !parts.isEmpty()) {
            parts.set(0, parts.get(0) + ": " + errors);
        } else {
            add(parts, errors);
        }
        if (parts.isEmpty()) {
            add(parts, describe(body.get("error_description")));
        }
        if (parts.isEmpty()) {
            add(parts, describe(body.get("error")));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.getStringValue().isBlank() ? null : node.getStringValue();
        }
        List<String> parts = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(value -> add(parts, describe(value)));
        } else if (node.isObject()) {
            if (node.get("message") != null) {
                return describe(node.get("message"));
            }
            if (node.get("field") != null && node.get("code") != null) {
                return describe(node.get("field")) + " " + describe(node.get("code"));
            }
            for (Map.Entry<String, JsonNode> field : node.entries()) {
                String value = describe(field.getValue());
                add(parts, value == null ? null : field.getKey() + " " + value);
            }
        } else {
            return node.coerceStringValue();
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static void add(List<String> parts, String part) {
        if (part != null) {
            parts.add(part);
        }
    }

    /** GitHub's primary limit (403 or 429 with no requests left) and secondary limit (with Retry-After); any 429. */
    private static boolean rateLimited(int status, HttpHeaders headers) {
        return status == 429 || status == 403 && (headers.firstValue("x-ratelimit-remaining").filter("0"::equals)
                .isPresent() || headers.firstValue("retry-after").isPresent());
    }

    private static Instant resetsAt(HttpHeaders headers, Instant now) {
        OptionalLong retryAfter = number(headers, "retry-after");
        if (retryAfter.isPresent()) {
            return now.plusSeconds(retryAfter.getAsLong());
        }
        // GitHub and Gitea name it x-ratelimit-reset, GitLab RateLimit-Reset: both epoch seconds
        OptionalLong reset = number(headers, "x-ratelimit-reset");
        if (reset.isEmpty()) {
            reset = number(headers, "ratelimit-reset");
        }
        return reset.isPresent() ? Instant.ofEpochSecond(reset.getAsLong()) : now.plus(DEFAULT_RATE_WINDOW);
    }

    private static OptionalLong number(HttpHeaders headers, String name) {
        try {
            return headers.firstValue(name).map(value -> OptionalLong.of(Long.parseLong(value.strip())))
                    .orElse(OptionalLong.empty());
        } catch (NumberFormatException notSeconds) {
            return OptionalLong.empty();
        }
    }
}
