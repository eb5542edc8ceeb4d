package dev.athanor.model.git;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * The files under a folder at the head of a branch: path (from the repository's root) to UTF-8 content.
 * {@code headSha} is {@code null} for a repository without commits yet.
 */
public record RepoFiles(String branch, @Nullable String headSha, Map<String, String> files) {
}
