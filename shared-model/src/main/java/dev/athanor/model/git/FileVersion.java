package dev.athanor.model.git;

import io.micronaut.core.annotation.Nullable;

/** A commit that touched a file, with the file's content after it ({@code null}: the commit deleted it). */
public record FileVersion(GitCommit commit, @Nullable String content) {
}
