package dev.athanor.model.git;

import java.util.Map;

/** The files under a folder at the head of a branch: path (from the repository's root) to UTF-8 content. */
public record RepoFiles(String branch, String headSha, Map<String, String> files) {
}
