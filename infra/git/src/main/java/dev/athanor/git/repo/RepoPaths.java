package dev.athanor.git.repo;

import dev.athanor.model.error.InvalidInputException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

import java.util.Locale;

/** Paths and branch names as callers give them, checked before they reach the working tree or a ref. */
final class RepoPaths {

    private RepoPaths() {
    }

    /** A folder from the repository's root without slashes around it; empty for the whole repository. */
    static String folder(String folder) {
        String trimmed = trimSlashes(folder == null ? "" : folder);
        return trimmed.isEmpty() ? "" : checked(trimmed, folder);
    }

    /** A file's path from the repository's root: no leading slash, no {@code .} or {@code ..}, not inside .git. */
    static String file(String path) {
        String trimmed = trimSlashes(path == null ? "" : path);
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("A file path is required");
        }
        return checked(trimmed, path);
    }

    static String branch(String branch) {
        if (branch == null || branch.isBlank() || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new InvalidInputException("Not a valid branch name: " + branch);
        }
        return branch;
    }

    private static String checked(String trimmed, String given) {
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.toLowerCase(Locale.ROOT).equals(Constants.DOT_GIT) || segment.indexOf('\0') >= 0
                    || segment.indexOf('\\') >= 0) {
                throw new InvalidInputException("Not a repository path: " + given);
            }
        }
        return trimmed;
    }

    private static String trimSlashes(String path) {
        String trimmed = path.strip();
        int start = 0;
        int end = trimmed.length();
        while (start < end && trimmed.charAt(start) == '/') {
            start++;
        }
        while (end > start && trimmed.charAt(end - 1) == '/') {
            end--;
        }
        return trimmed.substring(start, end);
    }
}
