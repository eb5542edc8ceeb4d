package dev.athanor.model.git;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The local working copy of a repository, as {@code git status} sees it under one folder: files changed and not
 * committed, files Git does not track, the branch checked out and its last commit ({@code null} before any clone).
 */
public record WorkingCopyStatus(boolean cloned,
                                @Nullable String branch,
                                @Nullable String lastCommit,
                                List<String> modifiedFiles,
                                List<String> untrackedFiles) {

    public boolean hasChanges() {
        return !modifiedFiles.isEmpty() || !untrackedFiles.isEmpty();
    }
}
