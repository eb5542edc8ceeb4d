package dev.athanor.model.git;

import io.micronaut.core.annotation.Nullable;

/** What a token may do with a repository, and its default branch (the one production is served from). */
public record RepoAccess(boolean canRead, boolean canPush, @Nullable String defaultBranch) {
}
