package dev.athanor.orchestrator.agents;

import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for a config file's {@code file_path}: a relative path of {@code /}-separated segments, such as
 * {@code .claude/skills/code-review.md}. The path becomes part of a storage key and, for a client syncing the files,
 * a place on disk, so anything that could climb out of the agent's directory or be read two ways is refused: absolute
 * paths (a leading {@code /}, a drive letter, {@code ~}), {@code .} and {@code ..} segments, empty segments,
 * backslashes, percent-encoded characters, and control characters (NUL included).
 */
final class FilePaths {

    /** In UTF-8 bytes: with the storage prefixes the key stays well below S3's and DynamoDB's 1 KiB key limits. */
    static final int MAX_BYTES = 512;

    private static final Pattern PERCENT_ENCODED = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");

    private FilePaths() {
    }

    /** What is wrong with {@code path}, or empty when it is a path a file may have. */
    static Optional<String> problem(@Nullable String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("is required");
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes (UTF-8)");
        }
        if (path.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            return Optional.of("must not contain control characters");
        }
        if (path.indexOf('\\') >= 0) {
            return Optional.of("must separate its segments with '/', not '\\'");
        }
        if (PERCENT_ENCODED.matcher(path).find()) {
            return Optional.of("must not contain percent-encoded characters");
        }
        String[] segments = path.split("/", -1);
        if (path.startsWith("/") || DRIVE.matcher(segments[0]).matches() || segments[0].equals("~")) {
            return Optional.of("must be relative (no leading '/', drive letter or '~')");
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return Optional.of("must not contain empty segments ('//' or a '/' at either end)");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("must not contain '.' or '..' segments");
            }
        }
        return Optional.empty();
    }
}
