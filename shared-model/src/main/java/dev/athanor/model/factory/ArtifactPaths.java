package dev.athanor.model.factory;

import dev.athanor.model.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Paths inside a generated app. Only {@code source/} and {@code docs/} are readable and writable, and a path must be
 * plain: relative, forward slashes, no {@code .} or {@code ..} segments, no percent-encoding, no control characters.
 * The same rule guards what an agent may write and what a client may read.
 */
public final class ArtifactPaths {

    public static final List<String> ROOTS = List.of("source", "docs");
    public static final int MAX_PATH_LENGTH = 512;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.@+\\- ]{1,128}");

    private ArtifactPaths() {
    }

    /**
     * @return the path as given when it is plain and under one of the roots
     * @throws InvalidInputException naming what is wrong with it
     */
    public static String require(String path) {
        Optional<String> problem = check(path);
        if (problem.isPresent()) {
            throw new InvalidInputException("path " + problem.get());
        }
        return path;
    }

    /** Whether {@code path} passes {@link #require}. */
    public static boolean isAllowed(String path) {
        return check(path).isEmpty();
    }

    private static Optional<String> check(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("is required");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            return Optional.of("is longer than " + MAX_PATH_LENGTH + " characters");
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains("%") || path.contains(":")) {
            return Optional.of("must be relative, with forward slashes and no encoded characters");
        }
        String[] segments = path.split("/", -1);
        if (!ROOTS.contains(segments[0])) {
            return Optional.of("must be under source/ or docs/");
        }
        List<String> rest = new ArrayList<>(List.of(segments).subList(1, segments.length));
        for (String segment : rest) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("must not contain . or .. segments");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return Optional.of("has an empty or unsupported segment '" + segment + "'");
            }
        }
        return Optional.empty();
    }
}
